using System.Text;

namespace GenNet.Generators.Weights;

/// <summary>
/// A small JSON reader (RFC 8259) for weight files. The generator runs on netstandard2.0 inside the
/// compiler, where System.Text.Json is not available, and needs only a tree of values.
/// </summary>
/// <remarks>
/// Objects become <see cref="Dictionary{TKey, TValue}"/> of <see cref="string"/> to value (a repeated
/// name keeps its last value), arrays <see cref="List{T}"/>, strings <see cref="string"/>,
/// <c>true</c>/<c>false</c> <see cref="bool"/>, <c>null</c> null, and numbers <see cref="JsonNumber"/>,
/// which keeps the text so that a float is parsed from it once, rounded once.
/// </remarks>
internal sealed class JsonReader
{
    private readonly string text;
    private int position;

    private JsonReader(string text) => this.text = text;

    /// <summary>Reads one JSON value that makes up the whole text.</summary>
    /// <exception cref="FormatException">The text is not JSON; the message names the line and column.</exception>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        // A UTF-8 byte order mark is not JSON, but editors write one; JSON readers accept it.
        if (reader.Peek() == '\uFEFF')
            reader.position++;
        var value = reader.ReadValue(depth: 0);
        reader.SkipWhitespace();
        if (reader.position < text.Length)
            throw reader.Error("there is more after the JSON value");
        return value;
    }

    /// <summary>Objects and arrays nested deeper than this are refused rather than risk the compiler's stack.</summary>
    private const int MaxDepth = 64;

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
            throw Error($"values are nested more than {MaxDepth} deep");
        SkipWhitespace();
        char c = Peek();
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return ReadString();
            case 't': Expect("true"); return true;
            case 'f': Expect("false"); return false;
            case 'n': Expect("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                    return ReadNumber();
                throw Error(position >= text.Length ? "the text ends where a value should be (truncated?)" : $"unexpected '{c}'");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        position++; // {
        SkipWhitespace();
        if (TryConsume('}'))
            return members;
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Error("expected a property name in double quotes");
            string name = ReadString();
            SkipWhitespace();
            if (!TryConsume(':'))
                throw Error("expected ':' after a property name");
            members[name] = ReadValue(depth + 1);
            SkipWhitespace();
            if (TryConsume('}'))
                return members;
            if (!TryConsume(','))
                throw Error("expected ',' or '}' in an object");
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var items = new List<object?>();
        position++; // [
        SkipWhitespace();
        if (TryConsume(']'))
            return items;
        while (true)
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(']'))
                return items;
            if (!TryConsume(','))
                throw Error("expected ',' or ']' in an array");
        }
    }

    private string ReadString()
    {
        position++; // opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
                throw Error("a string is not closed (truncated?)");
            char c = text[position++];
            if (c == '"')
                return value.ToString();
            if (c < ' ')
                throw Error("a control character inside a string");
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (position >= text.Length)
                throw Error("a string is not closed (truncated?)");
            char escape = text[position++];
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (position + 4 > text.Length || !ushort.TryParse(text.Substring(position, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out ushort code))
                        throw Error("\\u must be followed by four hexadecimal digits");
                    value.Append((char)code);
                    position += 4;
                    break;
                default:
                    throw Error($"unknown escape '\\{escape}'");
            }
        }
    }

    /// <summary>A number as JSON's grammar has it: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private JsonNumber ReadNumber()
    {
        int start = position;
        TryConsume('-');
        if (!TryConsume('0'))
            RequireDigits("a number");
        if (TryConsume('.'))
            RequireDigits("a decimal point");
        if (TryConsume('e') || TryConsume('E'))
        {
            if (!TryConsume('+'))
                TryConsume('-');
            RequireDigits("an exponent");
        }
        return new JsonNumber(text.Substring(start, position - start));
    }

    private void RequireDigits(string after)
    {
        int start = position;
        while (position < text.Length && text[position] >= '0' && text[position] <= '9')
            position++;
        if (position == start)
            throw Error($"expected digits in {after}");
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
            throw Error($"unexpected '{Peek()}'");
        position += word.Length;
    }

    private bool TryConsume(char c)
    {
        if (Peek() != c)
            return false;
        position++;
        return true;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhitespace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
            position++;
    }

    private FormatException Error(string problem)
    {
        int line = 1, column = 1;
        for (int k = 0; k < position && k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new FormatException($"{problem} at line {line}, column {column}");
    }
}

/// <summary>A JSON number as written, so that it is rounded once, to the type the reader wants.</summary>
internal sealed record JsonNumber(string Text);

// avx2only: makes one process see this CPU without AVX-512 (and without AVX-VNNI), as a machine with
// AVX2 and no AVX-512 would show it, for every library in the process: .NET and ONNX Runtime's MLAS
// both choose their code from CPUID. DOTNET_EnableAVX512=0 switches .NET alone, which leaves ONNX
// Runtime on AVX-512 and makes no fair comparison.
//
// How: Linux can make the CPUID instruction fault (arch_prctl ARCH_SET_CPUID, on CPUs with CPUID
// faulting: the "cpuid_fault" flag). Loaded with LD_PRELOAD, this library turns faulting on before
// the program starts, and answers each fault with the real CPUID minus those feature bits. Threads
// inherit the setting. The program's own SIGSEGV handler (.NET's, for null references) is kept: a
// fault that is not CPUID is handed to it, and that thread sees the real CPUID from then on (a line
// on stderr says so), so a process that needs the masking must not fault before its libraries read CPUID.
//
// Build: gcc -O2 -shared -fPIC -o libavx2only.so avx2only.c -ldl   (benchmarks/avx2-only.sh does it)
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

// The SIGSEGV action the program asked for, which the kernel gets back at its first own fault.
static struct sigaction program_action;
static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);

static void real_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(subleaf));
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
}

// Leaf 7's feature bits of AVX-512 and AVX-VNNI (Intel SDM vol. 2A, CPUID; AMD APM vol. 3, E.3.6).
static void mask_avx512(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
    if (leaf != 7)
        return;
    if (subleaf == 0)
    {
        // EBX: F, DQ, IFMA, PF, ER, CD, BW, VL
        r[1] &= ~((1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28) | (1u << 30) | (1u << 31));
        // ECX: VBMI, VBMI2, VNNI, BITALG, VPOPCNTDQ
        r[2] &= ~((1u << 1) | (1u << 6) | (1u << 11) | (1u << 12) | (1u << 14));
        // EDX: 4VNNIW, 4FMAPS, VP2INTERSECT, FP16
        r[3] &= ~((1u << 2) | (1u << 3) | (1u << 8) | (1u << 23));
    }
    else if (subleaf == 1)
        r[0] &= ~((1u << 4) | (1u << 5)); // EAX: AVX-VNNI, AVX512_BF16
}

static void on_fault(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    greg_t *registers = ((ucontext_t *)context)->uc_mcontext.gregs;
    const unsigned char *instruction = (const unsigned char *)registers[REG_RIP];
    if (info->si_code == SI_KERNEL && instruction[0] == 0x0F && instruction[1] == 0xA2) // CPUID
    {
        uint32_t leaf = (uint32_t)registers[REG_RAX], subleaf = (uint32_t)registers[REG_RCX], r[4];
        real_cpuid(leaf, subleaf, r);
        mask_avx512(leaf, subleaf, r);
        registers[REG_RAX] = r[0];
        registers[REG_RBX] = r[1];
        registers[REG_RCX] = r[2];
        registers[REG_RDX] = r[3];
        registers[REG_RIP] += 2;
        return;
    }
    // The program's own fault: give SIGSEGV back to its handler and return, so that the instruction
    // runs again and the kernel delivers the fault to that handler directly (.NET's expects the
    // kernel's signal frame, not this one's, below it).
    static const char note[] = "avx2only: a fault other than CPUID; this thread sees the real CPUID from here on\n";
    write(2, note, sizeof note - 1);
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
    real_sigaction(SIGSEGV, &program_action, NULL);
}

static void install(const struct sigaction *like)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | (like ? like->sa_flags & (SA_ONSTACK | SA_RESTART) : 0);
    if (like)
        action.sa_mask = like->sa_mask;
    else
        sigemptyset(&action.sa_mask);
    real_sigaction(SIGSEGV, &action, NULL);
}

// The program's sigaction: SIGSEGV's action is recorded for later and this library's stays in place.
int sigaction(int signal, const struct sigaction *action, struct sigaction *previous)
{
    if (!real_sigaction)
        real_sigaction = dlsym(RTLD_NEXT, "sigaction");
    if (signal != SIGSEGV)
        return real_sigaction(signal, action, previous);
    if (previous)
        *previous = program_action;
    if (action)
    {
        program_action = *action;
        install(action);
    }
    return 0;
}

__attribute__((constructor)) static void start(void)
{
    real_sigaction = dlsym(RTLD_NEXT, "sigaction");
    program_action.sa_handler = SIG_DFL;
    install(NULL);
    if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) != 0)
    {
        static const char note[] = "avx2only: this CPU or kernel cannot make CPUID fault (no cpuid_fault in /proc/cpuinfo); nothing is masked\n";
        write(2, note, sizeof note - 1);
    }
}

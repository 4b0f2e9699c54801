// What the page does in JavaScript: the ink canvas, putting computed pixels on a canvas, and
// onnxruntime-web, the engine the speed panel compares with. The networks run in .NET.

/** Lets the user draw on `canvas`; at the end of each stroke, sends its ink (alpha, row by row) to `receiver.StrokeEnded`. */
export function attachInk(canvas, receiver, penWidth) {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.lineWidth = penWidth;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#000";
    let last = null;
    // Canvas pixels from the content box: the border is not drawing surface.
    const at = e => {
        const box = canvas.getBoundingClientRect();
        return {
            x: (e.clientX - box.left - canvas.clientLeft) * canvas.width / canvas.clientWidth,
            y: (e.clientY - box.top - canvas.clientTop) * canvas.height / canvas.clientHeight,
        };
    };
    const lineTo = p => {
        context.beginPath();
        context.moveTo(last.x, last.y);
        context.lineTo(p.x, p.y);
        context.stroke();
        last = p;
    };
    canvas.addEventListener("pointerdown", e => {
        canvas.setPointerCapture(e.pointerId);
        last = at(e);
        lineTo(last); // a click is a dot
    });
    canvas.addEventListener("pointermove", e => { if (last) lineTo(at(e)); });
    const end = () => {
        if (!last) return;
        last = null;
        const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const ink = new Uint8Array(canvas.width * canvas.height);
        for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3];
        receiver.invokeMethodAsync("StrokeEnded", ink);
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
}

/** Wipes the ink canvas. */
export function clearInk(canvas) {
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
}

/** Draws `rgba` (width × height pixels, row by row) over the whole of `canvas`, each pixel a sharp square. */
export function drawPixels(canvas, rgba, width, height) {
    const image = new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height);
    const small = new OffscreenCanvas(width, height);
    small.getContext("2d").putImageData(image, 0, 0);
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(small, 0, 0, canvas.width, canvas.height);
}

/** Draws labelled points (x, y in canvas pixels, one colour per class) on `canvas`, replacing what was there. */
export function drawPoints(canvas, xs, ys, classes, colors) {
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.lineWidth = 0.5;
    context.strokeStyle = "#333";
    for (let i = 0; i < xs.length; i++) {
        context.fillStyle = colors[classes[i]];
        context.beginPath();
        context.arc(xs[i], ys[i], 2.5, 0, 2 * Math.PI);
        context.fill();
        context.stroke();
    }
}

let onnxRuntime = null;

/** Loads onnxruntime-web's WebAssembly build from wwwroot/onnxruntime/ once (vendor-onnxruntime.sh puts it there). */
function loadOnnxRuntime() {
    onnxRuntime ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "onnxruntime/ort.wasm.min.js";
        script.onload = () => {
            // One thread: the page is not cross-origin isolated, so WebAssembly threads are not available.
            ort.env.wasm.numThreads = 1;
            ort.env.wasm.wasmPaths = new URL("onnxruntime/", document.baseURI).href;
            resolve(ort);
        };
        script.onerror = () => reject(new Error("onnxruntime-web is not in wwwroot/onnxruntime/: run samples/GenNet.Browser/vendor-onnxruntime.sh"));
        document.head.appendChild(script);
    });
    return onnxRuntime;
}

/**
 * Runs the ONNX model `model` (bytes) on one example `input` many times, and returns its output and the
 * fewest microseconds a call took over `samples` runs of at least `sampleMilliseconds` each.
 */
export async function timeOnnx(model, input, samples, sampleMilliseconds) {
    const runtime = await loadOnnxRuntime();
    const session = await runtime.InferenceSession.create(model, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    const feeds = { [session.inputNames[0]]: new runtime.Tensor("float32", Float32Array.from(input), [1, input.length]) };
    let output = null;
    for (let i = 0; i < 50; i++) output = await session.run(feeds); // warm-up
    let best = Infinity;
    for (let s = 0; s < samples; s++) {
        let calls = 0, now;
        const start = performance.now();
        do {
            await session.run(feeds);
            calls++;
            now = performance.now();
        } while (now - start < sampleMilliseconds);
        best = Math.min(best, (now - start) * 1000 / calls);
    }
    const values = Array.from(output[session.outputNames[0]].data);
    await session.release();
    return { microsecondsPerCall: best, output: values };
}

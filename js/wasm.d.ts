// `paygate-wasm/paygate_wasm_bg.wasm`: the package's WebAssembly file. Bundlers that turn a
// `.wasm` import into the URL of an emitted file (esbuild `--loader:.wasm=file`, webpack's
// `asset/resource`) give its URL; pass it to `init({ module_or_path: wasmUrl })`.

/** The URL of the emitted wasm file. */
declare const wasmUrl: string;
export default wasmUrl;

// The bundlers' entry: the package's stylesheet as a bundler import, then the page.
import 'paygate-wasm/style.css';
import './main.js';

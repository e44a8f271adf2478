// Test harness for the easyCredit build: exposes the module as window.ec once it is ready.
import init, * as ec from '/pkg-easycredit/paygate_easycredit.js';

await init();
window.ec = ec;
document.body.dataset.ready = 'true';

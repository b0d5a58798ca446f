import init, { schemes } from "lgsp-paygate";

await init(); // optional in Node, where the first call instantiates the core
console.log(schemes().length); // 4

import init, { schemes } from "lgsp-paygate";

await init(); // không bắt buộc trong Node, nơi lệnh gọi đầu tiên tự khởi tạo lõi
console.log(schemes().length); // 4

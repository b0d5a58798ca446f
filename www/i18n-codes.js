// Vietnamese readings of the core's problem and defect codes (the core writes the English
// sentences). Each reading quotes the values the English sentence quotes, read off it.

/**
 * Vietnamese readings of the core's problem codes (validation, explain warnings, errors). They
 * quote the same values as the core's English sentence: `{got}` (what follows "got"), `{q1}`,
 * `{q2}` (its first quoted strings), `{max}` (a bound), `{canon}` (the table's name for an alias).
 */
export const problemVi = {
  NOT_AN_OBJECT: "Gói tin phải là một đối tượng JSON, nhận được {got}.",
  MISSING_FIELD: "Thiếu trường {path}.",
  MISSING_SECRET: "Cần khóa bí mật (secretKey) để tính checksum này.",
  INVALID_FIELD: "{path} không phải chuỗi hay số nguyên, nhận được {got}.",
  WRONG_TYPE: "{path} có kiểu dữ liệu sai, nhận được {got}.",
  EMPTY_VALUE: "{path} rỗng.",
  AMOUNT_NOT_INTEGER: "{path} phải là số tiền VND nguyên, viết không có dấu thập phân; nhận được {got}.",
  AMOUNT_NOT_POSITIVE: "{path} phải lớn hơn 0, nhận được {got}.",
  AMOUNT_TOO_LARGE: "{path} không được lớn hơn {max}, nhận được {got}.",
  AMOUNT_AS_STRING: "{path} được gửi dưới dạng chuỗi; chuỗi được băm đúng như đã ghi.",
  INVALID_URL: "{path} phải là URL http/https tuyệt đối, nhận được {got}.",
  INVALID_IP_ADDRESS: "{path} phải là địa chỉ IPv4 hoặc IPv6, nhận được {got}.",
  INVALID_PAY_DATE: "{path} phải là thời điểm có thật, viết theo yyyyMMddHHmmss; nhận được {got}.",
  INVALID_TYPE: "{path} phải là \"Pay\" hoặc \"Refund\", nhận được {got}.",
  TYPE_CASING: "{path} {q1} viết hoa/thường khác với bảng ({q2}); checksum băm đúng như đã viết.",
  UNDOCUMENTED_TRANSACTION_TYPE: "{path} {q1} không có trong tài liệu: chỉ \"02\" (hoàn toàn bộ) được mô tả.",
  INVALID_CHECKSUM: "{path} phải gồm 64 chữ số hex, nhận được {count} ký tự.",
  CHECKSUM_MISMATCH: "{path} nhận được không khớp với checksum tính được.",
  WHITESPACE: "{path} có khoảng trắng ở đầu hoặc cuối; khoảng trắng cũng được băm.",
  CONTROL_CHARACTER: "{path} chứa ký tự điều khiển (tab, xuống dòng…).",
  INVISIBLE_CHARACTER: "{path} chứa ký tự không nhìn thấy (ký tự rộng 0, BOM…).",
  NOT_NFC: "{path} không ở dạng dựng sẵn (NFC); dạng dựng sẵn (NFC) và dạng tổ hợp (NFD) cho giá trị băm khác nhau.",
  SMART_QUOTES: "{path} chứa dấu nháy cong (“ ” ‘ ’), thường do dán từ tài liệu.",
  UNKNOWN_KEY: "{q1} không phải là trường của loại gói tin này.",
  ALIAS: "Trường {path} là tên khác của {canon}.",
  NOT_ALLOWED: "{path} không được phép ở đây.",
  UNKNOWN_CODE: "{path} có mã không được tài liệu mô tả.",
};

/** Vietnamese readings of parseLoose's defect codes, quoting the same values (see problemVi). */
export const defectVi = {
  SMART_QUOTES: "Chuỗi {q1} dùng dấu nháy cong thay cho \"…\"; được đọc như dấu nháy thẳng.",
  TRAILING_COMMA: "Bỏ qua dấu phẩy thừa.",
  KEY_WHITESPACE: "Tên trường {q1} được đọc là {q2}.",
  KEY_ALIAS: "Tên trường {q1} được đọc là {q2}.",
  DUPLICATE_KEY: "Tên trường {q1} xuất hiện lần nữa; giá trị sau cùng được dùng.",
  SINGLE_QUOTES: "Chuỗi {q1} dùng dấu nháy đơn; được đọc như dấu nháy kép.",
  UNQUOTED_KEY: "Tên trường {bare} không có dấu nháy.",
  COMMENT: "Bỏ qua chú thích.",
  BOM: "Bỏ qua ký tự BOM ở đầu.",
  MISSING_COMMA: "Thêm dấu phẩy còn thiếu giữa hai mục.",
  NONSTANDARD_WHITESPACE: "Khoảng trắng {codepoint} không chuẩn JSON được đọc như dấu cách.",
  CONTROL_IN_STRING: "Ký tự điều khiển {codepoint} nằm trong chuỗi được giữ nguyên (JSON yêu cầu viết dạng thoát).",
  TRAILING_TEXT: "Bỏ qua phần chữ sau đối tượng JSON.",
  UNREADABLE: "Không đọc được phần này ({detail}).",
  HTTP_REQUEST: "Đọc như một yêu cầu HTTP ({q1}): phần body sau các header.",
  HEADER_LINES: "Đọc riêng các dòng header đứng trước hoặc sau body.",
  CURL_COMMAND: "Đọc như một lệnh curl theo cách trích dẫn của {q1}: body lấy từ {q2}.",
  AUTHORIZATION: "Token trong header Authorization được tách riêng khỏi gói tin, dùng để điền thông tin xác thực.",
  IGNORED_OPTIONS: "Bỏ qua các tùy chọn curl không liên quan đến body: {q1}.",
  CONTENT_TYPE: "Content-Type ghi {q1}, nhưng body được đọc như {q2}.",
  FORM_FIELDS: "Đọc như các trường form (name=value&…): tên và giá trị được giải mã phần trăm, dấu + đọc là dấu cách.",
  JAVA_TO_STRING: "Đọc như bản in toString() của Java ({key=value, …}): giá trị không có dấu nháy nên kiểu dữ liệu là phỏng đoán.",
  NUMBER_GUESSED: "{q1} được đọc là số: trường số nguyên viết bằng chữ số, không ghi kiểu dữ liệu.",
  LOG_PREFIX: "Bỏ qua phần chữ đứng trước body ({q1}).",
  BODY_IN_MEMBER: "Gói tin được đọc từ thành phần {q1} của đối tượng đã dán.",
  BODY_IN_STRING: "Gói tin được đọc từ JSON nằm trong một chuỗi, sau khi bỏ ký tự thoát một lần.",
  URL_ENCODED_BODY: "Body là JSON đã mã hóa URL: được đọc sau khi giải mã một lần.",
};

/** The values a core sentence quotes, for the Vietnamese reading to quote them too. */
export function quotedValues(message = "") {
  const quoted = [...message.matchAll(/"(?:[^"\\]|\\.)*"…?/g)].map((m) => m[0]);
  return {
    got: /\bgot (.+?)(?: \(only .*\))?$/.exec(message)?.[1] ?? "",
    max: /\bat most (\d+)/.exec(message)?.[1] ?? "",
    count: /\bgot (\d+) characters/.exec(message)?.[1] ?? "",
    canon: /(?:read as|another name for) (\S+?)[,:]?(?: |$)/.exec(message)?.[1] ?? "",
    bare: /\bthe key (\S+) has no quotes/.exec(message)?.[1] ?? "",
    codepoint: /U\+[0-9A-F]{4,6}/.exec(message)?.[0] ?? "",
    detail: message,
    q1: quoted[0] ?? "",
    q2: quoted[1] ?? "",
  };
}

export function fillIn(template, vars) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}


//! Every sentence the crate says, in English and Vietnamese, as data: one line per phrase, its
//! two templates side by side. `{name}` stands for the value named `name` ([`crate::said`]
//! renders it); both templates name the same values. A phrase without its Vietnamese does not
//! compile; the tests check that both templates quote the same values. Vietnamese follows
//! `docs/glossary.md`; like the English, a phrase starts in lower case and has no final stop, so
//! that it reads the same alone, in a list and inside another sentence.

macro_rules! phrases {
    ($($name:ident: $en:literal => $vi:literal,)*) => {
        /// What a sentence says, apart from its values. Each variant's doc is its English template.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Phrase {
            $(#[doc = $en] $name,)*
        }

        impl Phrase {
            /// Every phrase.
            pub const ALL: &'static [Phrase] = &[$(Phrase::$name,)*];

            /// The English and Vietnamese templates.
            pub fn templates(self) -> [&'static str; 2] {
                match self {
                    $(Phrase::$name => [$en, $vi],)*
                }
            }
        }
    };
}

macro_rules! words {
    ($($name:ident = $id:literal: $en:literal => $vi:literal,)*) => {
        /// A word a sentence says in each language: a JSON (or JavaScript) type, what a text is.
        /// `params` carry its id (`string`, `nonInteger`…), never the English.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Word {
            $(#[doc = $en] $name,)*
        }

        impl Word {
            /// Every word.
            pub const ALL: &'static [Word] = &[$(Word::$name,)*];

            /// The id `params` carry.
            pub fn id(self) -> &'static str {
                match self {
                    $(Word::$name => $id,)*
                }
            }

            /// The word in `lang`.
            pub fn text(self, lang: crate::said::Lang) -> &'static str {
                let [en, vi] = match self {
                    $(Word::$name => [$en, $vi],)*
                };
                if lang == crate::said::Lang::En { en } else { vi }
            }
        }
    };
}

words! {
    Null = "null": "null" => "giá trị null",
    Boolean = "boolean": "a boolean" => "một giá trị boolean",
    Integer = "integer": "an integer" => "một số nguyên",
    NonInteger = "nonInteger": "a non-integer number" => "một số không nguyên",
    Number = "number": "a number" => "một số",
    BigInt = "bigint": "a bigint" => "một BigInt",
    String = "string": "a string" => "một chuỗi",
    Array = "array": "an array" => "một mảng",
    Object = "object": "an object" => "một đối tượng",
    Undefined = "undefined": "undefined" => "giá trị undefined",
    Symbol = "symbol": "a symbol" => "một symbol",
    Function = "function": "a function" => "một hàm",
    Nothing = "nothing": "nothing" => "không có gì",
    Message = "message": "the message" => "gói tin",
    PaymentResult = "paymentResult": "the payment result" => "kết quả thanh toán",
    GatewayResponse = "gatewayResponse": "the gateway response" => "phản hồi của cổng thanh toán",
    SyntaxError = "syntax": "syntax error" => "lỗi cú pháp",
    EofError = "eof": "eof error" => "văn bản kết thúc giữa chừng",
    DataError = "data": "data error" => "lỗi dữ liệu",
    IoError = "io": "io error" => "lỗi đọc",
    Items = "items": "items" => "phần tử",
    Members = "members": "members" => "trường",
}

phrases! {
    // Validation problems.
    NotAnObject: "the message must be a JSON object, got {got}"
        => "gói tin phải là một đối tượng JSON, nhận được {got}",
    AliasConflict: "{alias} {value} and {canonical} {other} differ: they are two names of one field and must carry the same value"
        => "{alias} {value} và {canonical} {other} khác nhau: đây là hai tên của cùng một trường và phải mang cùng một giá trị",
    AliasRead: "{alias} is read as {canonical}: the guide's example sends {alias}, its table says {canonical}"
        => "{alias} được đọc là {canonical}: ví dụ của tài liệu gửi {alias}, bảng của tài liệu ghi {canonical}",
    NotAField: "{key} is not a field of the {scheme} message"
        => "{key} không phải là trường của gói tin {scheme}",
    NotARequestField: "{key} is not a field of the {scheme} request"
        => "{key} không phải là trường của yêu cầu {scheme}",
    Required: "{field} is required" => "thiếu trường {field}",
    MustBeString: "{field} must be a string, got {got}" => "{field} phải là chuỗi, nhận được {got}",
    ShouldBeString: "{field} should be a string, got {got}" => "{field} nên là chuỗi, nhận được {got}",
    EmptyValue: "{field} is empty" => "{field} rỗng",
    InvalidUrl: "{field} must be an absolute http or https URL, got {value}"
        => "{field} phải là URL http hoặc https tuyệt đối, nhận được {value}",
    InvalidIpAddress: "{field} must be an IPv4 or IPv6 address, got {value}"
        => "{field} phải là địa chỉ IPv4 hoặc IPv6, nhận được {value}",
    InvalidPayDate: "{field} must be a real time written yyyyMMddHHmmss, got {value}"
        => "{field} phải là một thời điểm có thật, viết theo dạng yyyyMMddHHmmss; nhận được {value}",
    TypeCasing: "{field} {value} differs from the table's {expected} in casing; the checksum hashes it as written"
        => "{field} {value} khác {expected} của bảng ở chữ hoa/chữ thường; checksum băm đúng như đã viết",
    InvalidType: "{field} must be \"Pay\" or \"Refund\", got {value}"
        => "{field} phải là \"Pay\" hoặc \"Refund\", nhận được {value}",
    UndocumentedTransactionType: "{field} {value} is not documented: \"02\" (full refund) is the only documented value"
        => "{field} {value} không có trong tài liệu: tài liệu chỉ mô tả giá trị \"02\" (hoàn tiền toàn bộ)",
    InvalidChecksum: "{field} must be 64 hex digits, got {count} characters"
        => "{field} phải gồm 64 chữ số hex, nhận được {count} ký tự",
    Whitespace: "{field} has leading or trailing white space, which is hashed as given"
        => "{field} có khoảng trắng ở đầu hoặc cuối; khoảng trắng cũng được băm",
    ControlCharacter: "{field} contains a control character (tab, newline…)"
        => "{field} chứa ký tự điều khiển (tab, ký tự xuống dòng…)",
    InvisibleCharacter: "{field} contains an invisible character (zero-width space, BOM…)"
        => "{field} chứa ký tự không nhìn thấy (khoảng trắng độ rộng 0, BOM…)",
    SmartQuotes: "{field} contains typographic quotes (“ ” ‘ ’), often pasted from a document"
        => "{field} chứa dấu nháy cong (“ ” ‘ ’), thường do dán từ tài liệu",
    NotNfc: "{field} is not in Unicode NFC; composed and decomposed text hash differently"
        => "{field} không ở dạng dựng sẵn (NFC); dạng dựng sẵn (NFC) và dạng tổ hợp (NFD) cho giá trị băm khác nhau",
    AmountNotNumber: "{field} must be a JSON integer, got {got}" => "{field} phải là số nguyên JSON, nhận được {got}",
    AmountAsString: "{field} must be a JSON integer, got {got} (only the lookup response writes it as a string)"
        => "{field} phải là số nguyên JSON, nhận được {got} (chỉ phản hồi tra cứu giao dịch ghi số tiền dạng chuỗi)",
    AmountNotPositive: "{field} must be positive, got {value}" => "{field} phải lớn hơn 0, nhận được {value}",
    AmountTooLarge: "{field} must be at most {max}, got {value}"
        => "{field} không được lớn hơn {max}, nhận được {value}",
    AmountNotInteger: "{field} must be a whole number of VND written without a decimal point, got {value}"
        => "{field} phải là số tiền VND nguyên, viết không có dấu thập phân; nhận được {value}",
    FilledByBuilder: "{field} is filled in by the builder; leave it out of the order"
        => "{field} do hàm tạo yêu cầu tự điền; hãy bỏ trường này khỏi đơn hàng",
    ChecksumMismatch: "checksum does not match the result's fields"
        => "checksum không khớp với các trường của kết quả thanh toán",

    // Confirmation against the gateway's record.
    NotPaid: "the result reports errorCode {value}, not \"00\""
        => "kết quả thanh toán báo errorCode {value}, không phải \"00\"",
    Mismatch: "the result says {ours}, the gateway says {theirs}"
        => "kết quả thanh toán ghi {ours}, cổng thanh toán ghi {theirs}",
    RecordAliasConflict: "the gateway's record names the transaction payTransId {value} and transactionNo {other}"
        => "bản ghi của cổng thanh toán gọi giao dịch là payTransId {value} và transactionNo {other}",
    Refunded: "the gateway records this transaction as refunded"
        => "cổng thanh toán ghi nhận giao dịch này đã được hoàn tiền",
    NotAPayment: "the gateway records the transaction's type as {value}, not \"Pay\""
        => "cổng thanh toán ghi loại (type) của giao dịch là {value}, không phải \"Pay\"",

    // Gateway responses.
    ResponseNotObject: "the gateway response must be a JSON object, got {got}"
        => "phản hồi của cổng thanh toán phải là một đối tượng JSON, nhận được {got}",
    NoErrorCode: "the gateway response has no error_code" => "phản hồi của cổng thanh toán không có error_code",
    CodeNotForEndpoint: "error_code {value} is not listed for this endpoint"
        => "error_code {value} không được tài liệu liệt kê cho loại yêu cầu này",
    CodeNotListed: "error_code {value} is not one the guide lists"
        => "error_code {value} không có trong danh sách mã của tài liệu",
    CodeNotListedTrimmed: "error_code {value} is not one the guide lists ({code} once trimmed and upper-cased)"
        => "error_code {value} không có trong danh sách mã của tài liệu (là {code} sau khi bỏ khoảng trắng và viết hoa)",
    DataNullString: "data is the string \"null\", read as no data"
        => "data là chuỗi \"null\", được đọc là không có dữ liệu",
    NoUrl: "data has no url string" => "data không có chuỗi url",
    RecordAtTopLevel: "no data: the transaction is read from the answer's top level, as the guide's table lists it"
        => "không có data: giao dịch được đọc ở cấp trên cùng của phản hồi, như bảng của tài liệu liệt kê",
    SuccessWithoutUrl: "a successful payment request should carry data.url"
        => "yêu cầu thanh toán thành công phải có data.url",
    AmountNotPlain: "{field} {value} is not a plain positive integer"
        => "{field} {value} không phải là một số nguyên dương viết bình thường",
    AmountNotSafe: "{field} {value} is not a safe positive integer"
        => "{field} {value} không phải là một số nguyên dương trong phạm vi an toàn",
    NoAmount: "data has no amount" => "data không có amount",
    AmountTextShadowed: "data.amountText is not a lookup field; amountText here is the amount as written"
        => "data.amountText không phải là trường của tra cứu giao dịch; amountText ở đây là số tiền như đã ghi",
    UnknownResponseKind: "unknown response kind {value}: expected paygate, refund or lookup"
        => "loại phản hồi {value} không xác định: cần paygate, refund hoặc lookup",
    UnknownPart: "unknown part {value}: expected verdict or diagnosis"
        => "phần {value} không xác định: cần verdict hoặc diagnosis",

    // Errors: arguments that cannot be read.
    UnknownScheme: "unknown scheme {value}: expected one of {expected}"
        => "lược đồ {value} không xác định: cần một trong {expected}",
    NotAnObjectArgument: "{path}: must be an object, got {got}" => "{path}: phải là một đối tượng, nhận được {got}",
    MustBeStringArgument: "{path} must be a string" => "{path} phải là chuỗi",
    MustBeBoolean: "{path} must be a boolean, got {got}" => "{path} phải là boolean, nhận được {got}",
    StringOrInteger: "{field}: must be a string or an integer, got {got}"
        => "{field}: phải là chuỗi hoặc số nguyên, nhận được {got}",
    StringOrIntegerNotInteger: "{field}: must be a string or an integer, got the non-integer number {value}"
        => "{field}: phải là chuỗi hoặc số nguyên, nhận được số không nguyên {value}",
    UnknownKey: "{object}: unknown key {key}; expected {expected}"
        => "{object}: tên trường {key} không xác định; cần {expected}",
    UnknownOption: "unknown option {key}: expected {expected}" => "tùy chọn {key} không xác định: cần {expected}",
    MissingFields: "missing field(s) for scheme {scheme}: {fields}"
        => "thiếu trường của lược đồ {scheme}: {fields}",
    MissingFieldsAlias: "missing field(s) for scheme {scheme}: {fields} ({alias} was given: the {scheme} scheme names it {canonical})"
        => "thiếu trường của lược đồ {scheme}: {fields} (đã có {alias}: lược đồ {scheme} gọi trường này là {canonical})",
    MissingFieldForScheme: "missing field for scheme {scheme}: {field}" => "thiếu trường {field} của lược đồ {scheme}",
    MissingField: "missing field: {field}" => "thiếu trường: {field}",
    MissingSecret: "the {scheme} scheme starts with the secret key: pass secretKey"
        => "lược đồ {scheme} bắt đầu bằng khóa bí mật (secretKey): hãy truyền secretKey",
    NotJson: "{what} is not valid json: {error} at line {line} column {column}"
        => "{what} không phải JSON hợp lệ: {error} ở dòng {line} cột {column}",
    InvalidRequest: "the {scheme} request is invalid: {problems}" => "yêu cầu {scheme} không hợp lệ: {problems}",
    RequestDoesNotFit: "the {scheme} request does not fit its type" => "yêu cầu {scheme} không khớp với kiểu dữ liệu của nó",
    RequestNotWritable: "the request cannot be written as json" => "không ghi được yêu cầu thành JSON",
    NotAStringArgument: "{path}: not a string" => "{path}: không phải chuỗi",
    LoneSurrogate: "{path}: the string holds a lone surrogate, which has no UTF-8 form"
        => "{path}: chuỗi chứa một surrogate đơn lẻ, không có dạng UTF-8",
    NotAJsonNumber: "{path}: {value} is not a JSON number" => "{path}: {value} không phải là số JSON",
    BigIntTooLarge: "{path}: the BigInt does not fit 64 bits" => "{path}: BigInt vượt quá 64 bit",
    NestedTooDeep: "{path}: nested deeper than {max} levels" => "{path}: lồng sâu hơn {max} cấp",
    NotJsonValue: "{path}: {got} cannot be read as JSON" => "{path}: {got} không đọc được thành JSON",
    ReadingThrew: "{path}: reading it threw" => "{path}: đọc giá trị này gây lỗi",
    ListingKeysThrew: "{path}: listing its keys threw" => "{path}: liệt kê các tên trường gây lỗi",
    ArrayTooLong: "{path}: an array of more than {max} items" => "{path}: mảng có hơn {max} phần tử",
    NotConvertible: "the result could not be converted" => "không chuyển đổi được kết quả",
    TheirsWrongType: "theirs must be the text your code hashed or { hex }, got {got}"
        => "theirs phải là chuỗi mà mã của bạn đã băm hoặc { hex }, nhận được {got}",
    TheirsUnknownMember: "unknown member {key} of theirs: expected hex"
        => "theirs có tên trường {key} không xác định: cần hex",
    TheirsHexNotString: "theirs.hex must be a string of hex digits, got {got}"
        => "theirs.hex phải là một chuỗi chữ số hex, nhận được {got}",
    TheirsEmpty: "theirs: pass the text your code hashed, or { hex }"
        => "theirs: hãy truyền chuỗi mà mã của bạn đã băm, hoặc { hex }",
    TheirsNotHexDigit: "theirs.hex: {character} at digit {index} is not a hex digit"
        => "theirs.hex: {character} ở chữ số thứ {index} không phải chữ số hex",
    TheirsOddDigits: "theirs.hex: an odd number of hex digits ({count})"
        => "theirs.hex: số chữ số hex là số lẻ ({count})",

    // The Authorization token (never quoted).
    TokenEmpty: "the token is empty" => "token rỗng",
    TokenBadCharacter: "the token is not standard base64: a character that is not standard base64 at position {position}"
        => "token không phải base64 chuẩn: ký tự ở vị trí {position} không thuộc bảng base64 chuẩn",
    TokenBadLength: "the token is not standard base64: a length that base64 cannot have"
        => "token không phải base64 chuẩn: base64 không thể có độ dài này",
    TokenBadLastCharacter: "the token is not standard base64: an impossible last character at position {position}"
        => "token không phải base64 chuẩn: ký tự cuối ở vị trí {position} không thể có",
    TokenBadPadding: "the token is not standard base64: wrong padding"
        => "token không phải base64 chuẩn: phần đệm (=) sai",
    TokenNotUtf8: "the token's bytes are not UTF-8 (at byte {byte})"
        => "các byte của token không phải UTF-8 (ở byte {byte})",
    TokenNotJson: "the token is not base64 of JSON: {error} at line {line} column {column}"
        => "token không phải base64 của JSON: {error} ở dòng {line} cột {column}",
    TokenNotObject: "the token's JSON is not an object" => "JSON của token không phải là một đối tượng",
    TokenFieldNotString: "the token's {key} is not a string" => "trường {key} của token không phải chuỗi",
    TokenFieldMissing: "the token has no {key}" => "token không có trường {key}",

    // Repairs and stops of the tolerant reader (parseLoose).
    NonstandardWhitespace: "white space {codePoint} between tokens read as a space"
        => "khoảng trắng {codePoint} không chuẩn JSON giữa các thành phần được đọc như dấu cách",
    LineComment: "a // comment was skipped" => "đã bỏ qua một chú thích //",
    BlockComment: "a /* */ comment was skipped" => "đã bỏ qua một chú thích /* */",
    CommentNotClosed: "a /* comment is never closed" => "chú thích /* không bao giờ được đóng",
    StringNotClosed: "a string is never closed" => "một chuỗi không bao giờ được đóng",
    SingleQuoted: "the string {value} is in single quotes" => "chuỗi {value} nằm trong dấu nháy đơn",
    OtherQuotes: "the string {value} is delimited by {open}…{close} instead of \"…\""
        => "chuỗi {value} được đặt giữa {open}…{close} thay cho \"…\"",
    ControlInString: "a raw {codePoint} inside a string is kept as it is (JSON wants it escaped)"
        => "ký tự {codePoint} trong chuỗi được giữ nguyên (JSON yêu cầu viết dạng thoát)",
    EscapeNeedsFourDigits: "a \\u escape needs four hex digits" => "dãy thoát \\u cần bốn chữ số hex",
    EscapeLoneSurrogate: "a \\u escape holds a lone surrogate" => "dãy thoát \\u chứa một surrogate đơn lẻ",
    EndsInBackslash: "a string ends in a backslash" => "một chuỗi kết thúc bằng dấu gạch chéo ngược",
    NotAnEscape: "{escape} is not a JSON escape" => "{escape} không phải là dãy thoát JSON",
    NotANumber: "{value} is not a number" => "{value} không phải là số",
    TooDeep: "nested deeper than {max} levels" => "lồng sâu hơn {max} cấp",
    EndsBeforeValue: "the text ends where a value should be" => "văn bản kết thúc ở chỗ cần một giá trị",
    NotAJsonValue: "{value} is not a JSON value" => "{value} không phải là giá trị JSON",
    CannotStartValue: "{value} cannot start a value" => "{value} không thể mở đầu một giá trị",
    TrailingComma: "a comma before {close} was skipped" => "đã bỏ qua dấu phẩy thừa trước {close}",
    MissingComma: "a comma is missing between two {what}" => "thiếu dấu phẩy giữa hai {what}",
    UnexpectedInList: "{value} where , or {close} should be" => "gặp {value} ở chỗ cần , hoặc {close}",
    EndsBefore: "the text ends before {close}" => "văn bản kết thúc trước {close}",
    UnquotedKey: "the key {key} has no quotes" => "tên trường {key} không có dấu nháy",
    UnexpectedKey: "{value} where a key should be" => "gặp {value} ở chỗ cần tên trường",
    EndsBeforeKey: "the text ends where a key should be" => "văn bản kết thúc ở chỗ cần tên trường",
    ColonMissing: "a colon should follow the key {key}" => "cần dấu hai chấm sau tên trường {key}",
    KeyReadAs: "the key {key} is read as {meant}" => "tên trường {key} được đọc là {meant}",
    DuplicateKey: "the key {key} appears again; the last value is used"
        => "tên trường {key} xuất hiện lần nữa; giá trị sau cùng được dùng",
    Bom: "a byte-order mark before the body was skipped" => "đã bỏ qua ký tự BOM ở đầu",
    TrailingText: "text after the body was ignored" => "đã bỏ qua phần văn bản sau body",
    BodyNotObject: "the body is {got}, not an object" => "body là {got}, không phải một đối tượng",
    // What the intake says of a paste around the body (src/debug/intake/repair.rs).
    ReadAsHttpRequest: "read as an HTTP request ({request}): the body after its headers"
        => "đọc như một yêu cầu HTTP ({request}): body là phần sau các header",
    ReadHeaderLines: "read the header lines before the body apart from it"
        => "đọc riêng các dòng header đứng trước body",
    ReadAsCurl: "read as a curl command in {quoting} quoting: the body from {data}"
        => "đọc như một lệnh curl theo cách trích dẫn của {quoting}: body lấy từ {data}",
    AuthorizationKeptApart: "the token of the Authorization header is kept apart from the message, for the credentials"
        => "token trong header Authorization được tách riêng khỏi gói tin, để điền thông tin xác thực",
    IgnoredCurlOptions: "curl options that play no part in the body were skipped: {options}"
        => "đã bỏ qua các tùy chọn curl không liên quan đến body: {options}",
    ContentTypeDiffers: "the Content-Type says {says}, but the body is read as {readAs}"
        => "Content-Type ghi {says}, nhưng body được đọc như {readAs}",
    ReadAsFormFields: "read as form fields (name=value&…): names and values percent-decoded, + read as a space"
        => "đọc như các trường form (name=value&…): tên và giá trị được giải mã phần trăm, dấu + đọc là dấu cách",
    ReadAsJavaDump: "read as a Java toString() dump ({key=value, …}): its values have no quotes, so their types are guessed"
        => "đọc như bản in toString() của Java ({key=value, …}): giá trị không có dấu nháy nên kiểu dữ liệu là phỏng đoán",
    NumberGuessed: "{value} is read as a number: an integer field written in digits, with no type given"
        => "{value} được đọc là số: trường số nguyên viết bằng chữ số, không ghi kiểu dữ liệu",
    LogPrefixSkipped: "the text before the body was skipped ({prefix})"
        => "đã bỏ qua phần văn bản đứng trước body ({prefix})",
    BodyInMember: "the message is read from the member {path} of the pasted object"
        => "gói tin được đọc từ thành phần {path} của đối tượng đã dán",
    BodyInString: "the message is read from JSON written inside a string, unescaped once"
        => "gói tin được đọc từ JSON nằm trong một chuỗi, sau khi bỏ ký tự thoát một lần",
    UrlEncodedBody: "the body is URL-encoded JSON: read once decoded"
        => "body là JSON đã mã hóa URL: được đọc sau khi giải mã một lần",
    RequestWithoutBody: "the request has no body after its headers" => "yêu cầu không có body sau các header",
    CurlWithoutData: "the curl command sends no body (no -d, --data, --data-raw, --data-binary, --data-urlencode or --json)"
        => "lệnh curl không gửi body nào (không có -d, --data, --data-raw, --data-binary, --data-urlencode hay --json)",
    CurlDataFromFile: "the body is read from a file or standard input ({arg}): paste its content instead"
        => "body được đọc từ một tệp hoặc từ đầu vào chuẩn ({arg}): hãy dán nội dung của nó",
    CurlGet: "with -G (--get) curl sends the data in the URL's query, not as the body"
        => "với -G (--get), curl gửi dữ liệu trong chuỗi truy vấn của URL, không phải trong body",
    CurlForm: "a multipart form (-F, --form) is not read: paste the JSON body"
        => "biểu mẫu multipart (-F, --form) không được đọc: hãy dán body JSON",
    QuoteNeverClosed: "a {quote} quote is never closed" => "dấu nháy {quote} không được đóng",
    DumpPairExpected: "a key=value pair should be here" => "ở đây cần một cặp key=value",
    DumpNeverClosed: "the dump's {bracket} is never closed" => "dấu {bracket} của bản in không được đóng",
    NothingReadable: "nothing could be read as a message" => "không đọc được gói tin nào",
}

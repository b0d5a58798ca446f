//! The mistakes the diagnosis tries, as data: each is a few edits to a draft of the pre-image
//! ([`crate::debug::draft`]). Any two mistakes that touch different parts of the draft compose,
//! which is how two mistakes at once are tried.

use serde_json::{Map, Value};

use crate::debug::draft::{part, Edit, Hidden, Join, Mistake, Transform};
use crate::debug::url_encoding::url_mistakes;
use crate::diagnose::{Change, FindingCode, Sentence};
use crate::scheme::{field_text, Scheme, SCHEMES};
use crate::validate::quoted;

/// Field names with their texts, in order.
pub type Texts = Vec<(&'static str, String)>;

/// What the mistakes are made from.
pub struct Ctx<'a> {
    /// The scheme.
    pub scheme: &'static Scheme,
    /// The message as given (aliases and all).
    pub given: &'a Map<String, Value>,
    /// The message's fields with aliases read as the table's names.
    pub fields: &'a Map<String, Value>,
    /// The scheme's field texts in pre-image order.
    pub texts: Vec<(&'static str, String)>,
    /// Every field text of the message (for other schemes' orders).
    pub all: Vec<(&'static str, String)>,
    /// The prefix the message implies (secret or literal).
    pub prefix: String,
    /// The secret key given, if any.
    pub secret: Option<&'a str>,
}

/// A change in words: `field: "from" → "to"`.
pub(crate) fn change(field: &str, from: Option<&str>, to: Option<&str>) -> Change {
    let note = match (from, to) {
        (Some(f), Some(t)) => Sentence::new(
            format!("{field}: the message has {}, the sender hashed {}", quoted(f), quoted(t)),
            format!("{field}: gói tin ghi {}, bên gửi đã băm {}", quoted(f), quoted(t)),
        ),
        (Some(f), None) => Sentence::new(
            format!("{field}: the message has {}, the sender left it out", quoted(f)),
            format!("{field}: gói tin ghi {}, bên gửi đã bỏ trường này", quoted(f)),
        ),
        _ => Sentence::new(format!("{field}: changed"), format!("{field}: đã thay đổi")),
    };
    Change::new(field, from.map(str::to_owned), to.map(str::to_owned), note)
}

/// A change to the secret key or prefix, said in words (its text is never shown).
fn said(field: &str, en: &str, vi: &str) -> Change {
    let (subject_en, subject_vi) = if field == "secretKey" {
        ("The secret key", "Khóa bí mật (secretKey)")
    } else {
        ("The prefix", "Tiền tố")
    };
    Change::new(field, None, None, Sentence::new(format!("{subject_en}: {en}."), format!("{subject_vi}: {vi}.")))
}

impl Ctx<'_> {
    fn text(&self, name: &str) -> Option<&str> {
        self.texts.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str())
    }

    fn mistake(&self, code: FindingCode, edits: Vec<Edit>, parts: u16, d: Sentence, changes: Vec<Change>) -> Mistake {
        Mistake { code, edits, parts, description: d, changes, fix: None }
    }

    /// A rewrite of field values: one mistake per changed field, and one for all of them when
    /// more than one changes.
    fn per_field(&self, out: &mut Vec<Mistake>, code: FindingCode, t: Transform, what_en: &str, what_vi: &str) {
        let changed: Vec<(&'static str, &str, String)> = self
            .texts
            .iter()
            .filter(|(n, _)| *n != "amount")
            .filter_map(|(n, v)| Some((*n, v.as_str(), t.apply(v))).filter(|(_, v, w)| v != w))
            .collect();
        for (name, from, to) in &changed {
            let d = Sentence::new(
                format!("The sender hashed {name} {what_en}."),
                format!("Bên gửi đã băm {name} {what_vi}."),
            );
            let edits = vec![Edit::Field(name, t.clone())];
            out.push(self.mistake(code, edits, part::TEXT, d, vec![change(name, Some(from), Some(to))]));
        }
        if changed.len() > 1 {
            let names: Vec<&str> = changed.iter().map(|(n, _, _)| *n).collect();
            let list = names.join(", ");
            let d = Sentence::new(
                format!("The sender hashed {list} {what_en}."),
                format!("Bên gửi đã băm {list} {what_vi}."),
            );
            let edits = changed.iter().map(|(n, _, _)| Edit::Field(n, t.clone())).collect();
            let changes = changed.iter().map(|(n, f, w)| change(n, Some(f), Some(w))).collect();
            out.push(self.mistake(code, edits, part::TEXT, d, changes));
        }
    }

    /// A rewrite of every field at once (one mistake), when it changes something.
    fn all_fields(&self, out: &mut Vec<Mistake>, code: FindingCode, t: Transform, d: Sentence) {
        let changes: Vec<Change> = self
            .texts
            .iter()
            .filter_map(|(n, v)| {
                let w = t.apply(v);
                (w != *v).then(|| change(n, Some(v), Some(&w)))
            })
            .collect();
        if !changes.is_empty() {
            out.push(self.mistake(code, vec![Edit::AllFields(t)], part::TEXT, d, changes));
        }
    }
}

fn amount_forms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let Ok(a) = text.parse::<u64>() else {
        // Written oddly ("40,000", "40000.0"): the sender may have hashed the plain digits.
        if let Some(whole) =
            text.split(['.', ',']).next().filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        {
            if text.bytes().any(|b| b == b'.') && text.rsplit('.').next().is_some_and(|d| d.bytes().all(|b| b == b'0'))
            {
                out.push(whole.to_owned());
            }
        }
        out.push(digits);
        return out;
    };
    let group = |sep: char| {
        let s = a.to_string();
        let mut g = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                g.push(sep);
            }
            g.push(c);
        }
        g
    };
    out.extend([format!("{a}.0"), format!("{a}.00"), group(','), group('.'), group(' ')]);
    if let Some(x) = a.checked_mul(100) {
        out.push(x.to_string());
    }
    if a % 100 == 0 {
        out.push((a / 100).to_string());
    }
    out.retain(|v| v != text);
    out.dedup();
    out
}

/// The field order of the PayGov/OpenCPS integration: `secretKey + accessKey + partnerCode +
/// orderId + requestCode + amount`.
pub const PAYGOV_ORDER: &[&str] = &["accessKey", "partnerCode", "orderId", "requestCode", "amount"];

/// Every single mistake worth trying for this message, most common first (pairs are tried in
/// the same order, so the likely ones come first when the budget runs out).
pub fn singles(ctx: &Ctx<'_>) -> Vec<Mistake> {
    use FindingCode as C;
    let s = ctx.scheme;
    let mut out = Vec::new();
    let secret_scheme = s.needs_secret();
    let secret = ctx.secret.filter(|_| secret_scheme);
    if let Some(secret) = secret {
        for (with_secret, en, vi) in [
            (false, "over the fields alone", "trên riêng các trường"),
            (true, "over the secret key and the fields", "trên khóa bí mật (secretKey) và các trường"),
        ] {
            out.push(ctx.mistake(
                C::Hmac,
                vec![Edit::Hmac(with_secret)],
                part::HMAC,
                Sentence::new(
                    format!("The sender computed an HMAC keyed with the secret key, {en}, instead of a plain hash of the secret key followed by the fields."),
                    format!("Bên gửi đã tính HMAC với khóa là khóa bí mật (secretKey), {vi}, thay vì băm thường chuỗi gồm khóa bí mật rồi đến các trường."),
                ),
                Vec::new(),
            ));
        }
        out.push(ctx.mistake(
            C::SecretAtEnd,
            vec![Edit::PrefixAtEnd],
            part::PREFIX,
            Sentence::new(
                "The sender put the secret key at the end of the pre-image instead of the start.",
                "Bên gửi đã đặt khóa bí mật (secretKey) ở cuối chuỗi trước khi băm thay vì ở đầu.",
            ),
            vec![said("secretKey", "put at the end instead of the start", "đặt ở cuối thay vì ở đầu")],
        ));
        for (ending, en, vi) in
            [("\n", "a newline (\\n)", "ký tự xuống dòng (\\n)"), ("\r\n", "CR LF (\\r\\n)", "CR LF (\\r\\n)")]
        {
            out.push(ctx.mistake(
                C::SecretTrailingNewline,
                vec![Edit::Prefix(Some(Hidden(format!("{secret}{ending}").into_bytes())))],
                part::PREFIX,
                Sentence::new(
                    format!("The sender's secret key ends in {en}: it was read from a file with its line ending."),
                    format!("Khóa bí mật (secretKey) của bên gửi có thêm {vi} ở cuối: khóa được đọc từ tệp kèm cả ký tự xuống dòng."),
                ),
                vec![said("secretKey", &format!("ends in {en}"), &format!("có thêm {vi} ở cuối"))],
            ));
        }
        if secret.trim() != secret {
            out.push(ctx.mistake(
                C::SecretTrimmed,
                vec![Edit::Prefix(Some(Hidden(secret.trim().as_bytes().to_vec())))],
                part::PREFIX,
                Sentence::new(
                    "The sender's secret key has no surrounding white space; the one given here does.",
                    "Khóa bí mật (secretKey) của bên gửi không có khoảng trắng ở đầu và cuối; khóa nhập ở đây thì có.",
                ),
                vec![said(
                    "secretKey",
                    "hashed without the white space around the one given here",
                    "được băm không có khoảng trắng như khóa nhập ở đây",
                )],
            ));
        }
        out.push(ctx.mistake(
            C::SecretMissing,
            vec![Edit::Prefix(None)],
            part::PREFIX,
            Sentence::new(
                "The sender left the secret key out of the pre-image.",
                "Bên gửi đã không đưa khóa bí mật (secretKey) vào chuỗi trước khi băm.",
            ),
            vec![said("secretKey", "left out of the pre-image", "không có trong chuỗi trước khi băm")],
        ));
        if let Ok(decoded) = crate::base64::decode(secret.trim(), crate::base64::Padding::Required) {
            if !decoded.is_empty() && decoded != secret.as_bytes() {
                out.push(ctx.mistake(
                    C::SecretBase64Decoded,
                    vec![Edit::Prefix(Some(Hidden(decoded)))],
                    part::PREFIX,
                    Sentence::new(
                        "The sender base64-decoded the secret key and hashed its bytes instead of the key as issued.",
                        "Bên gửi đã giải mã base64 khóa bí mật (secretKey) rồi băm các byte đó thay vì dùng nguyên khóa được cấp.",
                    ),
                    vec![said("secretKey", "base64-decoded before hashing", "bị giải mã base64 trước khi băm")],
                ));
            }
        }
    }
    if !secret_scheme {
        out.push(ctx.mistake(
            C::PrefixMissing,
            vec![Edit::Prefix(None)],
            part::PREFIX,
            Sentence::new(
                format!("The sender left the {} prefix out of the pre-image.", ctx.prefix),
                format!("Bên gửi đã bỏ tiền tố {} khỏi chuỗi trước khi băm.", ctx.prefix),
            ),
            vec![said(
                "prefix",
                &format!("{} left out of the pre-image", ctx.prefix),
                &format!("{} không có trong chuỗi trước khi băm", ctx.prefix),
            )],
        ));
        if let Some(secret) = ctx.secret {
            out.push(ctx.mistake(
                C::SecretAsPrefix,
                vec![Edit::Prefix(Some(Hidden(secret.as_bytes().to_vec())))],
                part::PREFIX,
                Sentence::new(
                    format!("The sender started the pre-image with the secret key instead of {}.", ctx.prefix),
                    format!(
                        "Bên gửi đã mở đầu chuỗi trước khi băm bằng khóa bí mật (secretKey) thay cho tiền tố {}.",
                        ctx.prefix
                    ),
                ),
                vec![said(
                    "prefix",
                    &format!("the secret key where {} belongs", ctx.prefix),
                    &format!("khóa bí mật (secretKey) nằm ở chỗ của {}", ctx.prefix),
                )],
            ));
        }
    }
    ctx.per_field(&mut out, C::Nfc, Transform::Nfc, "in NFC (composed) form", "ở dạng dựng sẵn (NFC)");
    ctx.per_field(&mut out, C::Nfd, Transform::Nfd, "in NFD (decomposed) form", "ở dạng tổ hợp (NFD)");
    ctx.all_fields(
        &mut out,
        C::AccentsStripped,
        Transform::StripAccents,
        Sentence::new(
            "The sender stripped the accents before hashing (Đ as D, ệ as e).",
            "Bên gửi đã bỏ dấu trước khi băm (Đ thành D, ệ thành e).",
        ),
    );
    ctx.all_fields(
        &mut out,
        C::NonAsciiAsQuestionMark,
        Transform::Question,
        Sentence::new(
            "The sender hashed every non-ASCII character as ? (text encoded as ASCII, as Java's getBytes(\"US-ASCII\") does).",
            "Bên gửi đã băm mọi ký tự ngoài ASCII thành ? (chuỗi bị mã hóa ASCII, như getBytes(\"US-ASCII\") của Java).",
        ),
    );
    if s.id == "result" {
        if let Some(t) = ctx.text("type") {
            out.push(ctx.mistake(
                C::ResultWithoutType,
                vec![Edit::Remove("type")],
                part::ORDER,
                Sentence::new(
                    "The sender hashed the payment result without type, as the city payment portal's Java routine does.",
                    "Bên gửi đã băm kết quả thanh toán mà không có trường type, như đoạn mã Java của cổng thanh toán thành phố.",
                ),
                vec![change("type", Some(t), None)],
            ));
        }
    }
    for sep in ["|", ",", "&"] {
        out.push(ctx.mistake(
            C::Separator,
            vec![Edit::Join(Join::Sep(sep))],
            part::JOIN,
            Sentence::new(
                format!("The sender put {} between the pieces of the pre-image; the gateway joins them with nothing between.", quoted(sep)),
                format!("Bên gửi đã chèn {} giữa các phần của chuỗi trước khi băm; cổng thanh toán nối liền, không có ký tự ngăn cách.", quoted(sep)),
            ),
            Vec::new(),
        ));
    }
    out.push(ctx.mistake(
        C::KeyValueJoined,
        vec![Edit::Join(Join::KeyValue)],
        part::JOIN,
        Sentence::new(
            "The sender hashed name=value pairs joined by & (a query string) instead of the bare values.",
            "Bên gửi đã băm các cặp tên=giá trị nối bằng & (kiểu query string) thay vì chỉ các giá trị.",
        ),
        Vec::new(),
    ));
    // Each name put in its place as it comes: a dozen names do not need the standard library's
    // sort, which would be 3 KB of the WebAssembly core.
    let mut sorted: Vec<&'static str> = Vec::with_capacity(ctx.texts.len());
    for (name, _) in &ctx.texts {
        sorted.insert(sorted.partition_point(|s| s < name), name);
    }
    if sorted.iter().zip(&ctx.texts).any(|(a, (b, _))| a != b) {
        out.push(ctx.mistake(
            C::FieldsSorted,
            vec![Edit::Order(sorted.clone())],
            part::ORDER,
            Sentence::new(
                format!(
                    "The sender hashed the values in key-name order ({}) instead of the scheme's order.",
                    sorted.join(", ")
                ),
                format!(
                    "Bên gửi đã băm các giá trị theo thứ tự tên trường ({}) thay vì thứ tự của lược đồ.",
                    sorted.join(", ")
                ),
            ),
            Vec::new(),
        ));
    }
    if secret.is_some() && PAYGOV_ORDER.iter().all(|f| ctx.text(f).is_some()) {
        out.push(ctx.mistake(
            C::PaygovOrder,
            vec![Edit::Order(PAYGOV_ORDER.to_vec())],
            part::ORDER,
            Sentence::new(
                "The sender used the PayGov/OpenCPS order: secretKey + accessKey + partnerCode + orderId + requestCode + amount.",
                "Bên gửi đã dùng thứ tự của PayGov/OpenCPS: secretKey + accessKey + partnerCode + orderId + requestCode + amount.",
            ),
            Vec::new(),
        ));
    }
    for (edits, en, vi) in [
        (vec![Edit::Json, Edit::Prefix(None)], "the JSON body", "thân JSON của gói tin"),
        (
            vec![Edit::Json],
            "the secret key followed by the JSON body",
            "khóa bí mật (secretKey) rồi đến thân JSON của gói tin",
        ),
    ] {
        if edits.len() == 1 && !secret_scheme {
            continue;
        }
        out.push(ctx.mistake(
            C::JsonBodyHashed,
            edits,
            part::JOIN | part::PREFIX,
            Sentence::new(
                format!("The sender hashed {en} instead of the concatenated values."),
                format!("Bên gửi đã băm {vi} thay vì chuỗi các giá trị nối liền."),
            ),
            Vec::new(),
        ));
    }
    ctx.per_field(
        &mut out,
        C::Trimmed,
        Transform::Trim,
        "with its surrounding white space removed",
        "sau khi bỏ khoảng trắng ở đầu và cuối",
    );
    if let Some(t) = ctx.text("type") {
        for cand in ["Pay", "pay", "PAY", "Refund", "refund", "REFUND"] {
            if cand != t && cand.eq_ignore_ascii_case(t.trim()) {
                let d = Sentence::new(
                    format!("The sender hashed type as {} where the message has {}.", quoted(cand), quoted(t)),
                    format!("Bên gửi đã băm type là {} trong khi gói tin ghi {}.", quoted(cand), quoted(t)),
                );
                let edits = vec![Edit::Field("type", Transform::Set(cand.to_owned()))];
                out.push(ctx.mistake(C::TypeCasing, edits, part::TEXT, d, vec![change("type", Some(t), Some(cand))]));
            }
        }
    }
    if let Some(a) = ctx.text("amount") {
        for form in amount_forms(a) {
            let d = Sentence::new(
                format!("The sender wrote amount as {} where the message has {}.", quoted(&form), quoted(a)),
                format!("Bên gửi đã viết amount là {} trong khi gói tin ghi {}.", quoted(&form), quoted(a)),
            );
            let c = change("amount", Some(a), Some(&form));
            out.push(ctx.mistake(
                C::AmountFormat,
                vec![Edit::Field("amount", Transform::Set(form))],
                part::TEXT,
                d,
                vec![c],
            ));
        }
    }
    for (alias, canon) in s.aliases {
        if let (Some(Value::String(v)), Some(cur)) = (ctx.given.get(*alias), ctx.text(canon)) {
            if v != cur {
                let d = Sentence::new(
                    format!("The sender hashed {alias} ({}) as {canon}.", quoted(v)),
                    format!("Bên gửi đã dùng {alias} ({}) làm {canon}.", quoted(v)),
                );
                let edits = vec![Edit::Field(canon, Transform::Set(v.clone()))];
                out.push(ctx.mistake(C::AliasUsed, edits, part::TEXT, d, vec![change(canon, Some(cur), Some(v))]));
            }
        }
    }
    for (i, pair) in ctx.texts.windows(2).enumerate() {
        let [(a, ta), (b, tb)] = pair else { continue };
        if ta != tb {
            let d = Sentence::new(
                format!("The sender put {b} before {a}: the two fields are swapped in the pre-image."),
                format!("Bên gửi đã đặt {b} trước {a}: hai trường bị đảo thứ tự trong chuỗi trước khi băm."),
            );
            let changes = vec![change(a, Some(ta), Some(tb)), change(b, Some(tb), Some(ta))];
            out.push(ctx.mistake(C::FieldsSwapped, vec![Edit::Swap(i)], part::ORDER, d, changes));
        }
    }
    for (name, t) in &ctx.texts {
        if !t.is_empty() && (s.id != "result" || *name != "type") {
            let d = Sentence::new(
                format!("The sender left {name} out of the pre-image."),
                format!("Bên gửi đã bỏ trường {name} khỏi chuỗi trước khi băm."),
            );
            out.push(ctx.mistake(
                C::FieldMissing,
                vec![Edit::Remove(name)],
                part::ORDER,
                d,
                vec![change(name, Some(t), None)],
            ));
        }
    }
    // ASCII case only: codes and keys are ASCII, and full Unicode case tables would weigh more
    // than the rest of the diagnosis.
    ctx.per_field(&mut out, C::UppercaseValue, Transform::Upper, "in upper case", "bằng chữ hoa");
    ctx.per_field(&mut out, C::LowercaseValue, Transform::Lower, "in lower case", "bằng chữ thường");
    for other in SCHEMES.iter().filter(|o| o.id != s.id) {
        if other.prefix_part(ctx.secret).is_ok() && other.fields.iter().all(|f| ctx.fields.contains_key(*f)) {
            out.push(ctx.mistake(
                C::OtherScheme,
                vec![Edit::Scheme(other)],
                part::SCHEME | part::ORDER | part::PREFIX,
                Sentence::new(
                    format!("The sender computed the {} scheme's checksum, not the {} scheme's.", other.id, s.id),
                    format!("Bên gửi đã tính checksum theo lược đồ {} thay vì lược đồ {}.", other.id, s.id),
                ),
                Vec::new(),
            ));
        }
    }
    // Last, so that pairs with them are tried after every pair of the mistakes above: a long
    // message makes many of them, one per field and call.
    url_mistakes(ctx, &mut out);
    out
}

/// The scheme's field texts in order, and every other field text of the message.
pub fn texts(s: &Scheme, fields: &Map<String, Value>) -> (Texts, Texts) {
    let of = |f: &'static str| fields.get(f).and_then(|v| field_text(f, v).ok()).map(|t| (f, t.into_owned()));
    let own = s.fields.iter().filter_map(|f| of(f)).collect();
    let mut all: Vec<(&'static str, String)> = Vec::new();
    for f in SCHEMES.iter().flat_map(|o| o.fields.iter()) {
        if !all.iter().any(|(n, _)| n == f) {
            all.extend(of(f));
        }
    }
    (own, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_never_print_the_secret() {
        let fields = serde_json::json!({"partnerCode": "P", "accessKey": "A", "transactionNo": "1", "orderId": "O"});
        let map = fields.as_object().unwrap();
        let s = crate::scheme::scheme("lookup").unwrap();
        let (own, all) = texts(s, map);
        let secret = "hunter2-secret-value ";
        let ctx =
            Ctx { scheme: s, given: map, fields: map, texts: own, all, prefix: secret.into(), secret: Some(secret) };
        let shown = format!("{:?}", singles(&ctx));
        assert!(shown.contains("SecretTrailingNewline") && !shown.contains("hunter2"), "{shown}");
    }
}

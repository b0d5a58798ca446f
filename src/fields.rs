//! The message fields of the gateway, as one table: name, kind and what the guide says of it.
//!
//! The kind drives validation; the descriptions feed `schemes()` for UIs and docs.

use serde::Serialize;

/// What kind of value a field holds, which decides how it is validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text, hashed exactly as given.
    Text,
    /// A positive integer amount in VND, at most 2^53 − 1.
    Amount,
    /// An absolute http(s) URL.
    ReturnUrl,
    /// An IPv4 or IPv6 address.
    IpAddress,
    /// A time written `yyyyMMddHHmmss`.
    PayDate,
    /// `Pay` or `Refund`.
    PayType,
    /// `02` (full refund), the only documented value.
    TransactionType,
    /// 64 hex digits.
    Checksum,
}

impl FieldKind {
    /// The JSON type the wire uses for this kind.
    pub fn json_type(self) -> &'static str {
        match self {
            FieldKind::Amount => "integer",
            _ => "string",
        }
    }
}

/// English and Vietnamese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Description {
    /// English.
    pub en: &'static str,
    /// Vietnamese, from the integration guide.
    pub vi: &'static str,
}

/// One message field.
#[derive(Debug)]
pub struct FieldDef {
    /// The wire name (camelCase, as in the JSON bodies).
    pub name: &'static str,
    /// How it is validated.
    pub kind: FieldKind,
    /// What it means.
    pub description: Description,
}

macro_rules! field {
    ($name:literal, $kind:ident, $en:literal, $vi:literal) => {
        FieldDef { name: $name, kind: FieldKind::$kind, description: Description { en: $en, vi: $vi } }
    };
}

/// Every field that appears in a signed message.
pub static FIELDS: &[FieldDef] = &[
    field!("partnerCode", Text, "the unit's partner code", "partnerCode của tài khoản đơn vị khai thác"),
    field!("accessKey", Text, "access key issued to the unit", "Chuỗi mã hóa xác định quyền truy cập"),
    field!(
        "returnUrl",
        ReturnUrl,
        "where the gateway sends the payment result (absolute http/https URL)",
        "Địa chỉ trả về khi thực hiện thanh toán xong"
    ),
    field!("orderId", Text, "order (invoice) id", "Mã đơn hàng (hóa đơn) cần thanh toán"),
    field!("amount", Amount, "amount in VND, a positive integer", "Tổng số tiền (VND)"),
    field!("orderInfo", Text, "payment or refund description", "Thông tin mô tả nội dung thanh toán"),
    field!(
        "requestCode",
        Text,
        "request code, the reference to the gateway",
        "Mã yêu cầu (dùng để tham chiếu đến cổng thanh toán)"
    ),
    field!("ipAddress", IpAddress, "the paying citizen's IP address", "Địa chỉ IP khách hàng thanh toán"),
    field!("serviceCode", Text, "code of the service being paid", "Mã dịch vụ cần thanh toán"),
    field!("accountCode", Text, "account code issued by the gateway", "Mã tài khoản cổng thanh toán cấp"),
    field!("paygate", Text, "gateway or wallet that took the payment (momo, vnpay…)", "Tên cổng thanh toán"),
    field!(
        "payTransId",
        Text,
        "transaction id at the payment provider",
        "Mã giao dịch tại đơn vị chấp nhận thanh toán"
    ),
    field!(
        "payDate",
        PayDate,
        "payment time, yyyyMMddHHmmss",
        "Thời gian khách hàng thanh toán, định dạng yyyyMMddHHmmss"
    ),
    field!(
        "errorCode",
        Text,
        "payment outcome: 00 success, anything else failure",
        "Mã lỗi kết quả thanh toán: 00 thành công, khác 00 thất bại"
    ),
    field!("type", PayType, "Pay (payment) or Refund", "Loại: Pay thanh toán, Refund hoàn trả"),
    field!("transactionNo", Text, "the payment's transaction number", "Mã giao dịch (mã thanh toán của hóa đơn)"),
    field!(
        "transactionType",
        TransactionType,
        "refund type: 02 = full refund",
        "Loại hoàn tiền: 02 hoàn tiền toàn phần"
    ),
    field!("checksum", Checksum, "SHA-256 integrity checksum, 64 hex digits", "Mã đảm bảo toàn vẹn dữ liệu (SHA-256)"),
];

/// The field named `name`, if the table has it.
pub fn field(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(FIELDS[i + 1..].iter().all(|g| g.name != f.name), "{} twice", f.name);
        }
    }

    #[test]
    fn every_scheme_field_is_described() {
        for s in crate::scheme::SCHEMES {
            for name in s.fields.iter().chain(std::iter::once(&"checksum")) {
                assert!(field(name).is_some(), "{}: {name} has no entry", s.id);
            }
        }
    }
}

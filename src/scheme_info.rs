//! The scheme table as data for UIs, docs and the TypeScript types.

use serde::Serialize;

use crate::fields::{field, Description, FieldKind};
use crate::scheme::{Prefix, Scheme, SCHEMES};

/// What starts a scheme's pre-image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PrefixInfo {
    /// The secret key.
    SecretKey,
    /// A literal text.
    Literal {
        /// The text.
        value: &'static str,
    },
}

/// One field of a scheme's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldInfo {
    /// Wire name.
    pub name: &'static str,
    /// JSON type: `string` or `integer`.
    #[serde(rename = "type")]
    pub json_type: &'static str,
    /// Whether the message must carry it (all of them, per the guide's tables).
    pub required: bool,
    /// What it means.
    pub description: Description,
}

/// One scheme, as `schemes()` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemeInfo {
    /// Scheme id.
    pub id: &'static str,
    /// The message it signs.
    pub message: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Gateway path, `null` for the result sent to `returnUrl`.
    pub path: Option<&'static str>,
    /// What starts the pre-image.
    pub prefix: PrefixInfo,
    /// Pre-image fields in order (the prefix excluded).
    pub fields: Vec<&'static str>,
    /// Every field of the message, `checksum` last.
    pub message_fields: Vec<FieldInfo>,
}

fn info(s: &Scheme) -> SchemeInfo {
    let mut message_fields = Vec::with_capacity(s.fields.len() + 1);
    for name in s.message_fields() {
        let def = field(name);
        message_fields.push(FieldInfo {
            name,
            json_type: def.map_or(FieldKind::Text, |d| d.kind).json_type(),
            required: true,
            description: def.map_or(Description { en: "", vi: "" }, |d| d.description),
        });
    }
    SchemeInfo {
        id: s.id,
        message: s.message,
        method: s.method,
        path: s.path,
        prefix: match s.prefix {
            Prefix::SecretKey => PrefixInfo::SecretKey,
            Prefix::Literal(value) => PrefixInfo::Literal { value },
        },
        fields: s.fields.to_vec(),
        message_fields,
    }
}

/// The scheme table, for UIs and docs.
pub fn schemes() -> Vec<SchemeInfo> {
    let mut out = Vec::with_capacity(SCHEMES.len());
    for s in SCHEMES {
        out.push(info(s));
    }
    out
}

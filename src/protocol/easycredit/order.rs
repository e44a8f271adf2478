//! An easyCredit order as the v3 rules look at it: customer, invoice and delivery address,
//! `Employment`, `ArticleList`, `URLNotify`, read from the JavaScript shape or from the
//! key=value parameters of `easyCredit.aspx`. Reading never fails; [`super::rules`] judges.

use crate::protocol::decimal::decimal;
use crate::protocol::json::Value;
use crate::protocol::kv::KeyValues;

/// One input value as it was given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Entry {
    /// Absent or `null`.
    #[default]
    Absent,
    /// Text (numbers such as a street number `4` are read as their digits).
    Text(String),
    /// A value of a type no text can come from (an object, a fraction, `true` for a name).
    NotText,
}

impl Entry {
    /// Reads a JSON value: strings, and whole numbers as their digits.
    pub fn of(value: Option<&Value>) -> Entry {
        match value {
            None | Some(Value::Null) => Entry::Absent,
            Some(Value::String(s)) => Entry::Text(s.clone()),
            Some(Value::Number(n)) if n.fract() == 0.0 && (0.0..1.0e15).contains(n) => {
                Entry::Text(decimal(*n as u64))
            }
            Some(_) => Entry::NotText,
        }
    }

    /// A text value (key=value parameters are always text).
    pub fn text(value: Option<&str>) -> Entry {
        value.map_or(Entry::Absent, |s| Entry::Text(s.to_owned()))
    }

    /// The text, trimmed, when there is some.
    pub fn filled(&self) -> Option<&str> {
        match self {
            Entry::Text(s) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        }
    }
}

/// A first and last name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    /// `firstName` / `FirstName`, `bdFirstName`, `sdFirstName`.
    pub first_name: Entry,
    /// `lastName` / `LastName`, `bdLastName`, `sdLastName`.
    pub last_name: Entry,
}

/// An invoice or delivery address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    /// The name on the address.
    pub name: Name,
    /// `street` / `bdStreet`.
    pub street: Entry,
    /// `streetNumber` / `bdStreetNr` (may be part of the street instead).
    pub street_number: Entry,
    /// `zip` / `bdZip`.
    pub zip: Entry,
    /// `city` / `bdCity`.
    pub city: Entry,
    /// `countryCode` / `bdCountryCode`, ISO 3166-1 alpha-2.
    pub country_code: Entry,
}

/// An easyCredit order as far as the v3 rules look at it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Order {
    /// The customer (`FirstName`, `LastName`).
    pub customer: Name,
    /// The invoice address (`bd…`).
    pub billing: Address,
    /// The delivery address (`sd…`).
    pub shipping: Address,
    /// Whether the delivery address is a packing station (`PackingStation=YES|NO`, or a boolean).
    pub packing_station: Entry,
    /// `Employment`.
    pub employment: Entry,
    /// `ArticleList`, base64 of the article JSON.
    pub article_list: Entry,
    /// `URLNotify`.
    pub url_notify: Entry,
}

fn name_of(v: Option<&Value>) -> Name {
    let get = |k: &str| Entry::of(v.and_then(|v| v.get(&[k])));
    Name {
        first_name: get("firstName"),
        last_name: get("lastName"),
    }
}

fn address_of(v: Option<&Value>) -> Address {
    let get = |k: &str| Entry::of(v.and_then(|v| v.get(&[k])));
    Address {
        name: name_of(v),
        street: get("street"),
        street_number: get("streetNumber"),
        zip: get("zip"),
        city: get("city"),
        country_code: get("countryCode"),
    }
}

impl Order {
    /// Reads the JavaScript shape `{customer, billingAddress, shippingAddress: {…, packingStation},
    /// employment?, articleList?, urlNotify?}` (keys case-insensitive, unknown keys ignored).
    /// Never fails: what is absent or of the wrong type is reported by [`check_order`](super::check_order).
    pub fn from_value(v: &Value) -> Order {
        let shipping = v.get(&["shippingAddress"]);
        let packing_station = match shipping.and_then(|s| s.get(&["packingStation"])) {
            Some(Value::Bool(b)) => Entry::Text(if *b { "YES" } else { "NO" }.to_owned()),
            other => Entry::of(other),
        };
        Order {
            customer: name_of(v.get(&["customer"])),
            billing: address_of(v.get(&["billingAddress"])),
            shipping: address_of(shipping),
            packing_station,
            employment: Entry::of(v.get(&["employment"])),
            article_list: Entry::of(v.get(&["articleList"])),
            url_notify: Entry::of(v.get(&["urlNotify"])),
        }
    }

    /// Reads the key=value parameters of an `easyCredit.aspx` request in the Paygate's names.
    pub fn from_key_values(kv: &KeyValues) -> Order {
        let get = |k: &str| Entry::text(kv.get(k));
        let address = |p: &str| Address {
            name: Name {
                first_name: get(&[p, "FirstName"].concat()),
                last_name: get(&[p, "LastName"].concat()),
            },
            street: get(&[p, "Street"].concat()),
            street_number: get(&[p, "StreetNr"].concat()),
            zip: get(&[p, "Zip"].concat()),
            city: get(&[p, "City"].concat()),
            country_code: get(&[p, "CountryCode"].concat()),
        };
        Order {
            customer: Name {
                first_name: get("FirstName"),
                last_name: get("LastName"),
            },
            billing: address("bd"),
            shipping: address("sd"),
            packing_station: get("PackingStation"),
            employment: get("Employment"),
            article_list: get("ArticleList"),
            url_notify: get("URLNotify"),
        }
    }
}

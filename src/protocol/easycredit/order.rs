//! The order rules of easyCredit API v3 that the Paygate enforces at `easyCredit.aspx`, as one
//! check that returns every problem with its field and a stable code, so a shop can show them
//! at the fields before the customer leaves the page.
//!
//! The rules (docs/computop/easycredit-v3-changes): `bdFirstName`, `bdLastName`, `sdFirstName`,
//! `sdLastName` are mandatory, `ans..50`; the delivery address matches the invoice address or is
//! a packing station; the first and last names of delivery address, invoice address and customer
//! match; `Employment` takes the English v3 values; `ArticleList` is base64 of the documented
//! JSON, `ans..1024`; `URLNotify` is a complete URL, `ans..256`, port 443, without parameters;
//! `version=v3`.

use crate::protocol::codec::decode_base64;
use crate::protocol::json::Value;
use crate::protocol::kv::KeyValues;
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::UrlRefusal;

/// The longest name the documents allow (`ans..50`); the sandbox uses it for address lines too.
pub const NAME_MAX: usize = 50;
/// The longest `ArticleList` (`ans..1024`, the base64 text).
pub const ARTICLE_LIST_MAX: usize = 1024;
/// The longest `URLNotify` (`ans..256`).
pub const URL_NOTIFY_MAX: usize = 256;

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
            Some(Value::Number(n)) if n.fract() == 0.0 && (0.0..1.0e15).contains(n) => Entry::Text((*n as u64).to_string()),
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
    Name { first_name: get("firstName"), last_name: get("lastName") }
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
    /// Never fails: what is absent or of the wrong type is reported by [`check_order`].
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
            name: Name { first_name: get(&format!("{p}FirstName")), last_name: get(&format!("{p}LastName")) },
            street: get(&format!("{p}Street")),
            street_number: get(&format!("{p}StreetNr")),
            zip: get(&format!("{p}Zip")),
            city: get(&format!("{p}City")),
            country_code: get(&format!("{p}CountryCode")),
        };
        Order {
            customer: Name { first_name: get("FirstName"), last_name: get("LastName") },
            billing: address("bd"),
            shipping: address("sd"),
            packing_station: get("PackingStation"),
            employment: get("Employment"),
            article_list: get("ArticleList"),
            url_notify: get("URLNotify"),
        }
    }
}

/// A part of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressPart {
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// Street.
    Street,
    /// House number.
    StreetNumber,
    /// Postcode.
    Zip,
    /// City.
    City,
    /// Country code.
    CountryCode,
}

/// The field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The customer's first name (`FirstName`).
    CustomerFirstName,
    /// The customer's last name (`LastName`).
    CustomerLastName,
    /// A part of the invoice address (`bd…`).
    Billing(AddressPart),
    /// A part of the delivery address (`sd…`).
    Shipping(AddressPart),
    /// `PackingStation`.
    PackingStation,
    /// `Employment`.
    Employment,
    /// `ArticleList`.
    ArticleList,
    /// `URLNotify`.
    UrlNotify,
    /// `version`.
    Version,
}

impl AddressPart {
    const fn key(self) -> (&'static str, &'static str) {
        match self {
            AddressPart::FirstName => ("firstName", "FirstName"),
            AddressPart::LastName => ("lastName", "LastName"),
            AddressPart::Street => ("street", "Street"),
            AddressPart::StreetNumber => ("streetNumber", "StreetNr"),
            AddressPart::Zip => ("zip", "Zip"),
            AddressPart::City => ("city", "City"),
            AddressPart::CountryCode => ("countryCode", "CountryCode"),
        }
    }
}

impl Field {
    /// The field's path in the JavaScript order: `billingAddress.firstName`, `urlNotify`, ….
    pub fn path(self) -> String {
        match self {
            Field::CustomerFirstName => "customer.firstName".into(),
            Field::CustomerLastName => "customer.lastName".into(),
            Field::Billing(p) => format!("billingAddress.{}", p.key().0),
            Field::Shipping(p) => format!("shippingAddress.{}", p.key().0),
            Field::PackingStation => "shippingAddress.packingStation".into(),
            Field::Employment => "employment".into(),
            Field::ArticleList => "articleList".into(),
            Field::UrlNotify => "urlNotify".into(),
            Field::Version => "version".into(),
        }
    }

    /// The Paygate's parameter name: `bdFirstName`, `URLNotify`, ….
    pub fn parameter(self) -> String {
        match self {
            Field::CustomerFirstName => "FirstName".into(),
            Field::CustomerLastName => "LastName".into(),
            Field::Billing(p) => format!("bd{}", p.key().1),
            Field::Shipping(p) => format!("sd{}", p.key().1),
            Field::PackingStation => "PackingStation".into(),
            Field::Employment => "Employment".into(),
            Field::ArticleList => "ArticleList".into(),
            Field::UrlNotify => "URLNotify".into(),
            Field::Version => "version".into(),
        }
    }

    /// The longest value the field takes, in characters.
    pub const fn max_len(self) -> usize {
        match self {
            Field::ArticleList => ARTICLE_LIST_MAX,
            Field::UrlNotify => URL_NOTIFY_MAX,
            _ => NAME_MAX,
        }
    }
}

/// What is wrong with a field; each has a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemCode {
    /// Mandatory and absent or blank.
    Missing,
    /// Longer than the documents allow.
    TooLong,
    /// Of the wrong type, with control characters, or a country code that is not two letters.
    Invalid,
    /// A name that differs from the customer's name.
    NameMismatch,
    /// A delivery address part that differs from the invoice address, without packing station.
    AddressMismatch,
    /// A German `Employment` value of the API before v3.
    EmploymentV2,
    /// An `Employment` value the documents do not list.
    EmploymentUnknown,
    /// `ArticleList` is not base64 of UTF-8 text.
    ArticleListNotBase64,
    /// `ArticleList` is not the documented JSON (`shoppingCartInformation` items).
    ArticleListShape,
    /// `URLNotify` is not an absolute URL with a host.
    UrlInvalid,
    /// `URLNotify` does not use https.
    UrlNotHttps,
    /// `URLNotify` names a port other than 443.
    UrlPort,
    /// `URLNotify` has query parameters (the documents say to use `UserData` instead).
    UrlParameters,
    /// `version` is not `v3`.
    Version,
}

impl ProblemCode {
    /// The stable code: `missing`, `name_mismatch`, `url_port`, ….
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Missing => "missing",
            ProblemCode::TooLong => "too_long",
            ProblemCode::Invalid => "invalid",
            ProblemCode::NameMismatch => "name_mismatch",
            ProblemCode::AddressMismatch => "address_mismatch",
            ProblemCode::EmploymentV2 => "employment_v2",
            ProblemCode::EmploymentUnknown => "employment_unknown",
            ProblemCode::ArticleListNotBase64 => "article_list_not_base64",
            ProblemCode::ArticleListShape => "article_list_shape",
            ProblemCode::UrlInvalid => "url_invalid",
            ProblemCode::UrlNotHttps => "url_not_https",
            ProblemCode::UrlPort => "url_port",
            ProblemCode::UrlParameters => "url_parameters",
            ProblemCode::Version => "version",
        }
    }
}

/// One problem of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderProblem {
    /// Where.
    pub field: Field,
    /// What.
    pub code: ProblemCode,
}

/// The occupations of `Employment` in v3, in the documents' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Employment {
    /// `EMPLOYEE` (v2 `ANGESTELLTER`).
    Employee,
    /// `EMPLOYEE_PUBLIC_SECTOR` (v2 `ANGESTELLTER_OEFFENTLICHER_DIENST`).
    EmployeePublicSector,
    /// `WORKER` (v2 `ARBEITER`).
    Worker,
    /// `CIVIL_SERVANT` (v2 `BEAMTER`).
    CivilServant,
    /// `RETIREE` (v2 `RENTNER`).
    Retiree,
    /// `SELF_EMPLOYED` (v2 `SELBSTAENDIGER`).
    SelfEmployed,
    /// `UNEMPLOYED` (v2 `ARBEITSLOSER`).
    Unemployed,
    /// `OTHER` (v2 `SONSTIGES`).
    Other,
}

const EMPLOYMENTS: [(Employment, &str, &str); 8] = [
    (Employment::Employee, "EMPLOYEE", "ANGESTELLTER"),
    (Employment::EmployeePublicSector, "EMPLOYEE_PUBLIC_SECTOR", "ANGESTELLTER_OEFFENTLICHER_DIENST"),
    (Employment::Worker, "WORKER", "ARBEITER"),
    (Employment::CivilServant, "CIVIL_SERVANT", "BEAMTER"),
    (Employment::Retiree, "RETIREE", "RENTNER"),
    (Employment::SelfEmployed, "SELF_EMPLOYED", "SELBSTAENDIGER"),
    (Employment::Unemployed, "UNEMPLOYED", "ARBEITSLOSER"),
    (Employment::Other, "OTHER", "SONSTIGES"),
];

impl Employment {
    /// Every v3 value, in the documents' order.
    pub const ALL: [Employment; 8] = [
        Employment::Employee,
        Employment::EmployeePublicSector,
        Employment::Worker,
        Employment::CivilServant,
        Employment::Retiree,
        Employment::SelfEmployed,
        Employment::Unemployed,
        Employment::Other,
    ];

    /// The v3 value (`EMPLOYEE`, …), spelt exactly.
    pub fn parse(text: &str) -> Option<Employment> {
        EMPLOYMENTS.iter().find(|(_, v3, _)| *v3 == text).map(|(e, _, _)| *e)
    }

    /// The occupation a German value of the API before v3 (`ANGESTELLTER`, …) stood for.
    pub fn from_v2(text: &str) -> Option<Employment> {
        EMPLOYMENTS.iter().find(|(_, _, v2)| *v2 == text).map(|(e, _, _)| *e)
    }

    /// The v3 spelling.
    pub fn as_str(self) -> &'static str {
        EMPLOYMENTS.iter().find(|(e, _, _)| *e == self).map_or("OTHER", |(_, v3, _)| v3)
    }
}

/// Which `URLNotify` schemes the check accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyUrlRule {
    /// The documents' rule: https on port 443.
    HttpsOnly,
    /// The same, and plain http to a loopback host on any port (the local sandbox only).
    AllowLoopbackHttp,
}

/// Checks an order against the v3 rules; every problem, in field order, empty when it is fine.
pub fn check_order(order: &Order, rule: NotifyUrlRule) -> Vec<OrderProblem> {
    let mut out = Vec::new();
    let mut add = |field, code| out.push(OrderProblem { field, code });
    let customer = &order.customer;
    // A customer name that is itself wrong is reported once, not as a mismatch of every address.
    let first_ok = mandatory_name(&customer.first_name, Field::CustomerFirstName, &mut add);
    let last_ok = mandatory_name(&customer.last_name, Field::CustomerLastName, &mut add);
    for (address, side) in [(&order.billing, Field::Billing as fn(AddressPart) -> Field), (&order.shipping, Field::Shipping)] {
        for (entry, theirs, usable, part) in [
            (&address.name.first_name, &customer.first_name, first_ok, AddressPart::FirstName),
            (&address.name.last_name, &customer.last_name, last_ok, AddressPart::LastName),
        ] {
            let field = side(part);
            if mandatory_name(entry, field, &mut add) && usable {
                if let (Some(a), Some(b)) = (entry.filled(), theirs.filled()) {
                    if !same(a, b) {
                        add(field, ProblemCode::NameMismatch);
                    }
                }
            }
        }
        for (entry, part) in [
            (&address.street, AddressPart::Street),
            (&address.street_number, AddressPart::StreetNumber),
            (&address.zip, AddressPart::Zip),
            (&address.city, AddressPart::City),
            (&address.country_code, AddressPart::CountryCode),
        ] {
            let mandatory = part != AddressPart::StreetNumber;
            if text_field(entry, side(part), mandatory, &mut add) && part == AddressPart::CountryCode {
                if entry.filled().is_some_and(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic())) {
                    add(side(part), ProblemCode::Invalid);
                }
            }
        }
    }
    let packing_station = match order.packing_station.filled() {
        None if order.packing_station == Entry::NotText => {
            add(Field::PackingStation, ProblemCode::Invalid);
            false
        }
        None => false,
        Some(v) if v.eq_ignore_ascii_case("yes") || v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("no") || v.eq_ignore_ascii_case("false") => false,
        Some(_) => {
            add(Field::PackingStation, ProblemCode::Invalid);
            false
        }
    };
    if !packing_station {
        let (bd, sd) = (&order.billing, &order.shipping);
        for (b, s, part) in [
            (&bd.street, &sd.street, AddressPart::Street),
            (&bd.street_number, &sd.street_number, AddressPart::StreetNumber),
            (&bd.zip, &sd.zip, AddressPart::Zip),
            (&bd.city, &sd.city, AddressPart::City),
            (&bd.country_code, &sd.country_code, AddressPart::CountryCode),
        ] {
            let differs = match (b.filled(), s.filled()) {
                (Some(b), Some(s)) => !same(b, s),
                (None, Some(_)) => matches!(b, Entry::Text(_) | Entry::Absent) && part == AddressPart::StreetNumber,
                (Some(_), None) => matches!(s, Entry::Text(_) | Entry::Absent) && part == AddressPart::StreetNumber,
                (None, None) => false,
            };
            if differs {
                add(Field::Shipping(part), ProblemCode::AddressMismatch);
            }
        }
    }
    if text_field(&order.employment, Field::Employment, false, &mut add) {
        if let Some(v) = order.employment.filled() {
            if Employment::from_v2(v).is_some() {
                add(Field::Employment, ProblemCode::EmploymentV2);
            } else if Employment::parse(v).is_none() {
                add(Field::Employment, ProblemCode::EmploymentUnknown);
            }
        }
    }
    if text_field(&order.article_list, Field::ArticleList, false, &mut add) {
        if let Some(v) = order.article_list.filled() {
            if let Some(code) = article_list_problem(v) {
                add(Field::ArticleList, code);
            }
        }
    }
    if text_field(&order.url_notify, Field::UrlNotify, false, &mut add) {
        if let Some(v) = order.url_notify.filled() {
            if let Some(code) = url_notify_problem(v, rule) {
                add(Field::UrlNotify, code);
            }
        }
    }
    out
}

/// Checks the parameters of an `easyCredit.aspx` request as the Paygate does: the order rules,
/// and `URLNotify` and `version=v3` present.
pub fn check_request(kv: &KeyValues, rule: NotifyUrlRule) -> Vec<OrderProblem> {
    let order = Order::from_key_values(kv);
    let mut out = check_order(&order, rule);
    if order.url_notify.filled().is_none() {
        out.push(OrderProblem { field: Field::UrlNotify, code: ProblemCode::Missing });
    }
    match kv.get("version").map(str::trim) {
        None | Some("") => out.push(OrderProblem { field: Field::Version, code: ProblemCode::Missing }),
        Some("v3") => {}
        Some(_) => out.push(OrderProblem { field: Field::Version, code: ProblemCode::Version }),
    }
    out
}

/// Reports the type, character and length problems of a text field; `true` when the value is
/// usable for the checks that compare it (present or absent, but not broken).
fn text_field(entry: &Entry, field: Field, mandatory: bool, add: &mut impl FnMut(Field, ProblemCode)) -> bool {
    match entry {
        Entry::NotText => {
            add(field, ProblemCode::Invalid);
            false
        }
        _ => match entry.filled() {
            None if mandatory => {
                add(field, ProblemCode::Missing);
                false
            }
            None => true,
            Some(v) if v.chars().any(char::is_control) => {
                add(field, ProblemCode::Invalid);
                false
            }
            Some(v) if v.chars().count() > field.max_len() => {
                add(field, ProblemCode::TooLong);
                false
            }
            Some(_) => true,
        },
    }
}

fn mandatory_name(entry: &Entry, field: Field, add: &mut impl FnMut(Field, ProblemCode)) -> bool {
    text_field(entry, field, true, add)
}

/// Names and address parts compare without regard to case or runs of white space.
fn same(a: &str, b: &str) -> bool {
    a.split_whitespace().map(str::to_lowercase).eq(b.split_whitespace().map(str::to_lowercase))
}

/// What is wrong with an `ArticleList`: base64 of a JSON object whose `shoppingCartInformation`
/// is a non-empty list of articles, each with a `productName` and a whole `quantity` ≥ 1, and
/// `price` a non-negative number when present.
fn article_list_problem(text: &str) -> Option<ProblemCode> {
    let Some(json_text) = decode_base64(text).and_then(|b| String::from_utf8(b).ok()) else {
        return Some(ProblemCode::ArticleListNotBase64);
    };
    let Some(value) = super::parse_json(&json_text) else { return Some(ProblemCode::ArticleListShape) };
    let items = match value.get(&["shoppingCartInformation"]) {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => return Some(ProblemCode::ArticleListShape),
    };
    let article_ok = |item: &Value| {
        let named = matches!(item.get(&["productName"]), Some(Value::String(s)) if !s.trim().is_empty());
        let quantity = matches!(item.get(&["quantity"]), Some(Value::Number(q)) if q.fract() == 0.0 && *q >= 1.0);
        let price = match item.get(&["price"]) {
            None | Some(Value::Null) => true,
            Some(Value::Number(p)) => p.is_finite() && *p >= 0.0,
            Some(_) => false,
        };
        matches!(item, Value::Object(_)) && named && quantity && price
    };
    (!items.iter().all(article_ok)).then_some(ProblemCode::ArticleListShape)
}

/// What is wrong with a `URLNotify` under `rule`.
fn url_notify_problem(text: &str, rule: NotifyUrlRule) -> Option<ProblemCode> {
    let url = match SafeUrl::parse(text, "URLNotify") {
        Ok(url) => url,
        Err(crate::protocol::Error::InsecureUrl { reason: UrlRefusal::Scheme | UrlRefusal::PlainHttp, .. }) => {
            return Some(ProblemCode::UrlNotHttps)
        }
        Err(_) => return Some(ProblemCode::UrlInvalid),
    };
    let (scheme, rest) = url.as_str().split_once("://").unwrap_or_default();
    let https = scheme.eq_ignore_ascii_case("https");
    if !https && rule == NotifyUrlRule::HttpsOnly {
        return Some(ProblemCode::UrlNotHttps);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let port = match authority.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && !port.contains(']') => Some(port),
        _ => None,
    };
    if https && port.is_some_and(|p| p.trim_start_matches('0') != "443") {
        return Some(ProblemCode::UrlPort);
    }
    rest.contains('?').then_some(ProblemCode::UrlParameters)
}

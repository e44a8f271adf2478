//! The order rules of easyCredit API v3 that the Paygate enforces at `easyCredit.aspx`, as one
//! check that returns every problem with its field and a stable code, so a shop can show them
//! at the fields before the customer leaves the page.
//!
//! The rules (Computop's easyCredit v3 changes): `bdFirstName`, `bdLastName`, `sdFirstName`,
//! `sdLastName` are mandatory, `ans..50`; the delivery address matches the invoice address or is
//! a packing station; the first and last names of delivery address, invoice address and customer
//! match; `Employment` takes the English v3 values; `ArticleList` is base64 of the documented
//! JSON, `ans..1024`; `URLNotify` is a complete URL, `ans..256`, port 443, without parameters;
//! `version=v3`.

use super::employment::Employment;
use super::order::{Entry, Order};
use super::problem::{AddressPart, Field, OrderProblem, ProblemCode};
use crate::protocol::ascii;
use crate::protocol::codec::decode_base64;
use crate::protocol::json::Value;
use crate::protocol::kv::KeyValues;
use crate::protocol::url_policy::{self, SafeUrl};
use crate::protocol::UrlRefusal;

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
    names_and_addresses(order, &mut add);
    if !packing_station(&order.packing_station, &mut add) {
        delivery_matches_invoice(order, &mut add);
    }
    optional_fields(order, rule, &mut add);
    out
}

/// The customer's names, and each address's names (matching the customer's) and parts.
fn names_and_addresses(order: &Order, add: &mut impl FnMut(Field, ProblemCode)) {
    let customer = &order.customer;
    // A customer name that is itself wrong is reported once, not as a mismatch of every address.
    let first_ok = mandatory_name(&customer.first_name, Field::CustomerFirstName, add);
    let last_ok = mandatory_name(&customer.last_name, Field::CustomerLastName, add);
    for (address, side) in [
        (&order.billing, Field::Billing as fn(AddressPart) -> Field),
        (&order.shipping, Field::Shipping),
    ] {
        for (entry, theirs, usable, part) in [
            (
                &address.name.first_name,
                &customer.first_name,
                first_ok,
                AddressPart::FirstName,
            ),
            (
                &address.name.last_name,
                &customer.last_name,
                last_ok,
                AddressPart::LastName,
            ),
        ] {
            let field = side(part);
            if mandatory_name(entry, field, add) && usable {
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
            let usable = text_field(entry, side(part), mandatory, add);
            let not_a_code = |c: &str| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic());
            if usable && part == AddressPart::CountryCode && entry.filled().is_some_and(not_a_code)
            {
                add(side(part), ProblemCode::Invalid);
            }
        }
    }
}

/// Whether the delivery address is a packing station (`yes`/`true`, `no`/`false`, or absent).
fn packing_station(entry: &Entry, add: &mut impl FnMut(Field, ProblemCode)) -> bool {
    match entry.filled() {
        None if *entry == Entry::NotText => {
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
    }
}

/// Without a packing station the delivery address must be the invoice address.
fn delivery_matches_invoice(order: &Order, add: &mut impl FnMut(Field, ProblemCode)) {
    let (bd, sd) = (&order.billing, &order.shipping);
    for (b, s, part) in [
        (&bd.street, &sd.street, AddressPart::Street),
        (
            &bd.street_number,
            &sd.street_number,
            AddressPart::StreetNumber,
        ),
        (&bd.zip, &sd.zip, AddressPart::Zip),
        (&bd.city, &sd.city, AddressPart::City),
        (&bd.country_code, &sd.country_code, AddressPart::CountryCode),
    ] {
        let differs = match (b.filled(), s.filled()) {
            (Some(b), Some(s)) => !same(b, s),
            (None, Some(_)) => {
                matches!(b, Entry::Text(_) | Entry::Absent) && part == AddressPart::StreetNumber
            }
            (Some(_), None) => {
                matches!(s, Entry::Text(_) | Entry::Absent) && part == AddressPart::StreetNumber
            }
            (None, None) => false,
        };
        if differs {
            add(Field::Shipping(part), ProblemCode::AddressMismatch);
        }
    }
}

/// `Employment`, `ArticleList` and `URLNotify`, each checked when it is given.
fn optional_fields(order: &Order, rule: NotifyUrlRule, add: &mut impl FnMut(Field, ProblemCode)) {
    if text_field(&order.employment, Field::Employment, false, add) {
        if let Some(v) = order.employment.filled() {
            if Employment::from_v2(v).is_some() {
                add(Field::Employment, ProblemCode::EmploymentV2);
            } else if Employment::parse(v).is_none() {
                add(Field::Employment, ProblemCode::EmploymentUnknown);
            }
        }
    }
    if text_field(&order.article_list, Field::ArticleList, false, add) {
        if let Some(code) = order.article_list.filled().and_then(article_list_problem) {
            add(Field::ArticleList, code);
        }
    }
    if text_field(&order.url_notify, Field::UrlNotify, false, add) {
        if let Some(code) = order
            .url_notify
            .filled()
            .and_then(|v| url_notify_problem(v, rule))
        {
            add(Field::UrlNotify, code);
        }
    }
}

/// Checks the parameters of an `easyCredit.aspx` request as the Paygate does: the order rules,
/// and `URLNotify` and `version=v3` present.
pub fn check_request(kv: &KeyValues, rule: NotifyUrlRule) -> Vec<OrderProblem> {
    let order = Order::from_key_values(kv);
    let mut out = check_order(&order, rule);
    if order.url_notify.filled().is_none() {
        out.push(OrderProblem {
            field: Field::UrlNotify,
            code: ProblemCode::Missing,
        });
    }
    match kv.get("version").map(str::trim) {
        None | Some("") => out.push(OrderProblem {
            field: Field::Version,
            code: ProblemCode::Missing,
        }),
        Some("v3") => {}
        Some(_) => out.push(OrderProblem {
            field: Field::Version,
            code: ProblemCode::Version,
        }),
    }
    out
}

/// Reports the type, character and length problems of a text field; `true` when the value is
/// usable for the checks that compare it (present or absent, but not broken).
fn text_field(
    entry: &Entry,
    field: Field,
    mandatory: bool,
    add: &mut impl FnMut(Field, ProblemCode),
) -> bool {
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

/// Names and address parts compare without regard to case or runs of white space. Each char is
/// lowercased on its own, a final sigma read as sigma (`ΟΔΟΣ` is `οδος`): `str::to_lowercase`
/// would bring its word-context tables into the wasm for that one letter.
fn same(a: &str, b: &str) -> bool {
    let fold = |c: char| c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l });
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.chars().flat_map(fold).eq(q.chars().flat_map(fold)) => {}
            _ => return false,
        }
    }
}

/// What is wrong with an `ArticleList`: base64 of a JSON object whose `shoppingCartInformation`
/// is a non-empty list of articles, each with a `productName` and a whole `quantity` ≥ 1, and
/// `price` a non-negative number when present.
fn article_list_problem(text: &str) -> Option<ProblemCode> {
    let Some(json_text) = decode_base64(text).and_then(|b| String::from_utf8(b).ok()) else {
        return Some(ProblemCode::ArticleListNotBase64);
    };
    let Some(value) = super::parse_json(&json_text) else {
        return Some(ProblemCode::ArticleListShape);
    };
    let items = match value.get(&["shoppingCartInformation"]) {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => return Some(ProblemCode::ArticleListShape),
    };
    let article_ok = |item: &Value| {
        let named =
            matches!(item.get(&["productName"]), Some(Value::String(s)) if !s.trim().is_empty());
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
        Err(crate::protocol::Error::InsecureUrl {
            reason: UrlRefusal::Scheme | UrlRefusal::PlainHttp,
            ..
        }) => return Some(ProblemCode::UrlNotHttps),
        Err(_) => return Some(ProblemCode::UrlInvalid),
    };
    let (scheme, rest) = url_policy::split_scheme(url.as_str());
    let https = scheme.eq_ignore_ascii_case("https");
    if !https && rule == NotifyUrlRule::HttpsOnly {
        return Some(ProblemCode::UrlNotHttps);
    }
    let authority = url_policy::authority(rest);
    let port = match ascii::rsplit_once(authority, b':') {
        Some((host, port)) if !host.is_empty() && !ascii::contains(port, b']') => Some(port),
        _ => None,
    };
    if https && port.is_some_and(|p| ascii::trim_start(p, b'0') != "443") {
        return Some(ProblemCode::UrlPort);
    }
    ascii::contains(rest, b'?').then_some(ProblemCode::UrlParameters)
}

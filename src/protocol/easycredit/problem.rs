//! Where a problem of the order check is (a field, in the JavaScript order's path and in the
//! Paygate's parameter name) and what it is (a stable code).

/// The longest name the documents allow (`ans..50`); the sandbox uses it for address lines too.
pub const NAME_MAX: usize = 50;
/// The longest `ArticleList` (`ans..1024`, the base64 text).
pub const ARTICLE_LIST_MAX: usize = 1024;
/// The longest `URLNotify` (`ans..256`).
pub const URL_NOTIFY_MAX: usize = 256;
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
    /// The field's path in the JavaScript order and the Paygate's parameter name, from one table.
    fn names(self) -> (String, String) {
        let fixed = |path: &str, parameter: &str| (path.to_owned(), parameter.to_owned());
        match self {
            Field::CustomerFirstName => fixed("customer.firstName", "FirstName"),
            Field::CustomerLastName => fixed("customer.lastName", "LastName"),
            Field::Billing(p) => (
                ["billingAddress.", p.key().0].concat(),
                ["bd", p.key().1].concat(),
            ),
            Field::Shipping(p) => (
                ["shippingAddress.", p.key().0].concat(),
                ["sd", p.key().1].concat(),
            ),
            Field::PackingStation => fixed("shippingAddress.packingStation", "PackingStation"),
            Field::Employment => fixed("employment", "Employment"),
            Field::ArticleList => fixed("articleList", "ArticleList"),
            Field::UrlNotify => fixed("urlNotify", "URLNotify"),
            Field::Version => fixed("version", "version"),
        }
    }

    /// The field's path in the JavaScript order: `billingAddress.firstName`, `urlNotify`, ….
    pub fn path(self) -> String {
        self.names().0
    }

    /// The Paygate's parameter name: `bdFirstName`, `URLNotify`, ….
    pub fn parameter(self) -> String {
        self.names().1
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

//! The occupations of `Employment`: the English values of v3 and the German ones before.

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
    (
        Employment::EmployeePublicSector,
        "EMPLOYEE_PUBLIC_SECTOR",
        "ANGESTELLTER_OEFFENTLICHER_DIENST",
    ),
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
        EMPLOYMENTS
            .iter()
            .find(|(_, v3, _)| *v3 == text)
            .map(|(e, _, _)| *e)
    }

    /// The occupation a German value of the API before v3 (`ANGESTELLTER`, …) stood for.
    pub fn from_v2(text: &str) -> Option<Employment> {
        EMPLOYMENTS
            .iter()
            .find(|(_, _, v2)| *v2 == text)
            .map(|(e, _, _)| *e)
    }

    /// The v3 spelling.
    pub fn as_str(self) -> &'static str {
        EMPLOYMENTS
            .iter()
            .find(|(e, _, _)| *e == self)
            .map_or("OTHER", |(_, v3, _)| v3)
    }
}

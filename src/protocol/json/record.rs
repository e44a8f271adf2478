//! Objects and arrays: [`Obj`] of a [`Record`] (declared with [`record!`](crate::record)), and
//! [`List`].

use serde::{Deserialize, Deserializer};

use super::slot::{deserialize_slot, Items, Keys, Slot};
use super::Scalar;
use crate::protocol::error::{Error, Subject};

/// A JSON value where the documents put an object of record `T`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Obj<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// An object.
    Object(T),
    /// Anything else.
    Other,
}

impl<T> Obj<T> {
    /// The record; `None` when absent or `null`, another type a `format` error.
    pub fn get(self, subject: Subject, field: &'static str) -> Result<Option<T>, Error> {
        match self {
            Obj::Absent | Obj::Null => Ok(None),
            Obj::Object(t) => Ok(Some(t)),
            Obj::Other => Err(Error::format(subject, field, "an object")),
        }
    }

    /// Whether the key is there and not `null`.
    pub fn is_present(&self) -> bool {
        !matches!(self, Obj::Absent | Obj::Null)
    }
}

impl<T: Record> Slot for Obj<T> {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Null => Obj::Null,
            _ => Obj::Other,
        };
    }
    fn object(&mut self) -> Option<&mut dyn Keys> {
        *self = Obj::Object(T::default());
        match self {
            Obj::Object(record) => Some(record),
            _ => None,
        }
    }
}

impl<'de, T: Record> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}

/// A JSON value where the documents put an array of `T`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum List<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// An array.
    Items(Vec<T>),
    /// Anything else.
    Other,
}

impl<T> List<T> {
    /// The items; `None` when absent or `null`, another type a `format` error.
    pub fn get(self, subject: Subject, field: &'static str) -> Result<Option<Vec<T>>, Error> {
        match self {
            List::Absent | List::Null => Ok(None),
            List::Items(items) => Ok(Some(items)),
            List::Other => Err(Error::format(subject, field, "an array")),
        }
    }
}

impl<T: Slot + Default> Slot for List<T> {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Null => List::Null,
            _ => List::Other,
        };
    }
    fn array(&mut self) -> Option<&mut dyn Items> {
        *self = List::Items(Vec::new());
        match self {
            List::Items(items) => Some(items),
            _ => None,
        }
    }
}

impl<'de, T: Slot + Default> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}

/// An object read field by field, written with [`record!`](crate::record): `FIELDS` names each field (the
/// first name is the one errors use); keys are compared case-insensitively unless `EXACT`.
/// For each field the first of its names present wins (`paymentMethods` before `data`), and of
/// one name given twice or in two spellings the last key in the object; other keys are skipped
/// unread.
pub trait Record: Default {
    /// The names of each field, in priority order.
    const FIELDS: &'static [&'static [&'static str]];
    /// Keys compared exactly (JavaScript options), not case-insensitively (the documents).
    const EXACT: bool = false;
    /// The slot of field `index`.
    fn field(&mut self, index: usize) -> &mut dyn Slot;
    /// Per field: 0 when not read yet, else 1 + the rank of the name it was read under.
    fn ranks(&mut self) -> &mut [u8];
}

/// The field `key` names, unless the field was read under a name of higher priority. Of one
/// name given twice (or in two spellings) the last wins, as `JSON.parse` keeps the last of
/// duplicate keys: the host and the browser read the same text alike.
fn claim(fields: &[&[&str]], exact: bool, ranks: &mut [u8], key: &str) -> Option<usize> {
    let (index, rank) = fields.iter().enumerate().find_map(|(index, names)| {
        names
            .iter()
            .position(|name| {
                if exact {
                    key == *name
                } else {
                    key.eq_ignore_ascii_case(name)
                }
            })
            .map(|rank| (index, rank as u8 + 1))
    })?;
    let seen = ranks.get_mut(index)?;
    if *seen != 0 && *seen < rank {
        return None;
    }
    *seen = rank;
    Some(index)
}

impl<T: Record> Keys for T {
    fn key(&mut self, key: &str) -> Option<&mut dyn Slot> {
        let index = claim(T::FIELDS, T::EXACT, self.ranks(), key)?;
        Some(self.field(index))
    }
}

/// Declares a [`Record`]: a struct whose fields (each a [`Slot`]: [`Scalar`], [`Obj`],
/// [`List`], …) are read from the keys named after `=`; `: exact` compares keys exactly.
///
/// ```ignore
/// record! {
///     /// `threeDSLegacy`.
///     pub struct LegacyFields {
///         acs_url: Scalar = ["acsURL"],
///         pa_req: Scalar = ["PaReq"],
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(: $exact:ident)? {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = [$($key:literal),+] ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        $vis struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            #[doc(hidden)]
            pub ranks: [u8; $crate::record!(@count $($field)*)],
        }

        impl $crate::protocol::json::Record for $name {
            const FIELDS: &'static [&'static [&'static str]] = &[$(&[$($key),+]),*];
            $(const EXACT: bool = $crate::record!(@exact $exact);)?

            #[allow(unused_assignments)]
            fn field(&mut self, index: usize) -> &mut dyn $crate::protocol::json::Slot {
                let mut i = 0;
                $(
                    if index == i {
                        return &mut self.$field;
                    }
                    i += 1;
                )*
                unreachable!()
            }

            fn ranks(&mut self) -> &mut [u8] {
                &mut self.ranks
            }
        }
    };
    (@exact exact) => { true };
    (@count) => { 0 };
    (@count $head:ident $($rest:ident)*) => { 1 + $crate::record!(@count $($rest)*) };
}

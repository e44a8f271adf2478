//! The one visitor: every serde type of the crate is read through [`SlotSeed`] into a [`Slot`].

use core::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Scalar;

/// Where one JSON value goes. Scalars are handed over; for an object or an array the slot
/// says where the keys or items go, or `None` to skip it (it is then given
/// [`Scalar::Compound`]).
pub trait Slot {
    /// A null, boolean, number or string (or a skipped object or array).
    fn scalar(&mut self, value: Scalar);
    /// The value is an object: where its keys go.
    fn object(&mut self) -> Option<&mut dyn Keys> {
        None
    }
    /// The value is an array: where its items go.
    fn array(&mut self) -> Option<&mut dyn Items> {
        None
    }
}

/// Where the keys of an object go.
pub trait Keys {
    /// The slot for the value under `key`, or `None` to skip it unread.
    fn key(&mut self, key: &str) -> Option<&mut dyn Slot>;
}

/// Where the items of an array go.
pub trait Items {
    /// A slot for one more item.
    fn push(&mut self) -> &mut dyn Slot;
    /// Takes back the last [`Items::push`] (there was no item for it).
    fn pop(&mut self);
}

impl<T: Slot + Default> Items for Vec<T> {
    fn push(&mut self) -> &mut dyn Slot {
        self.push(T::default());
        let last = self.len() - 1;
        &mut self[last]
    }
    fn pop(&mut self) {
        let _ = Vec::pop(self);
    }
}

/// The one visitor: reads a value of any JSON type into a [`Slot`].
pub struct SlotSeed<'s>(pub &'s mut dyn Slot);

impl std::fmt::Debug for SlotSeed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SlotSeed")
    }
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SlotSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.scalar(Scalar::Null);
        Ok(())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<(), E> {
        self.0.scalar(Scalar::Bool(b));
        Ok(())
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<(), E> {
        self.visit_f64(n as f64)
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<(), E> {
        self.visit_f64(n as f64)
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<(), E> {
        self.0.scalar(Scalar::Number(n));
        Ok(())
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
        self.visit_string(s.to_owned())
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<(), E> {
        self.0.scalar(Scalar::Text(s));
        Ok(())
    }
    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.0.scalar(Scalar::Compound);
        Ok(())
    }
    fn visit_byte_buf<E: serde::de::Error>(self, _: Vec<u8>) -> Result<(), E> {
        self.visit_bytes(&[])
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.0.array() {
            Some(items) => loop {
                if seq.next_element_seed(SlotSeed(items.push()))?.is_none() {
                    items.pop();
                    return Ok(());
                }
            },
            None => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                self.0.scalar(Scalar::Compound);
                Ok(())
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.0.object() {
            Some(keys) => {
                while let Some(Key(key)) = map.next_key()? {
                    match keys.key(&key) {
                        Some(slot) => map.next_value_seed(SlotSeed(slot))?,
                        None => map.next_value::<IgnoredAny>().map(|_| ())?,
                    }
                }
                Ok(())
            }
            None => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                self.0.scalar(Scalar::Compound);
                Ok(())
            }
        }
    }
}

/// An object key.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(Key(key.to_owned()))
    }
    fn visit_string<E>(self, key: String) -> Result<Key, E> {
        Ok(Key(key))
    }
}

/// Reads any slot type with serde, for `Deserialize` impls.
pub(super) fn deserialize_slot<'de, T: Slot + Default, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    let mut value = T::default();
    SlotSeed(&mut value).deserialize(d)?;
    Ok(value)
}

//! An object's key for [`crate::utf16::Writer`]: what serde_json's writer takes as a key, and its
//! refusals, word for word.

use crate::utf16::Writer;
use serde::ser::{self, Error as _, Serialize};
use serde_json::Error;

type Result<T = ()> = std::result::Result<T, Error>;

/// An object's key, as serde_json's writer takes it: a string, or a number, bool or unit variant
/// written as a string; anything else is refused with serde_json's own message.
pub(crate) struct Key<'a>(pub(crate) &'a mut Writer);

fn not_a_string() -> Error {
    Error::custom("key must be a string")
}

impl Key<'_> {
    fn quoted(self, text: &str) -> Result {
        self.0.unit(b'"');
        self.0.ascii(text);
        self.0.unit(b'"');
        Ok(())
    }

    fn integer(self, negative: bool, n: u128) -> Result {
        self.0.unit(b'"');
        self.0.integer(negative, n);
        self.0.unit(b'"');
        Ok(())
    }

    fn float<F: Serialize>(self, finite: bool, f: F) -> Result {
        if !finite {
            return Err(Error::custom("float key must be finite"));
        }
        let text = serde_json::to_string(&f)?;
        self.quoted(&text)
    }
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i128(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i128(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i128(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.serialize_i128(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.integer(v < 0, v.unsigned_abs())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.integer(false, v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.integer(false, v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.integer(false, v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.integer(false, v.into())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.integer(false, v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.float(v.is_finite(), v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v.is_finite(), v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.0.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(not_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(not_a_string())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        Err(not_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(not_a_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(not_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(not_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(not_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(not_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(not_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(not_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(not_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(not_a_string())
    }
}

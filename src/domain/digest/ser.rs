//! RFC 8785 canonical text of a `Serialize` value written straight from serde, without building a
//! `serde_json::Value` and a [`Json`](crate::domain::json::Json) tree first (every recomputed score
//! an aggregation checks went through both). The numbers, strings and member order are the ones
//! [`super::write_value`] writes for `json::to_json(v)`: its number and string writers and its key
//! order are called, not repeated. Members are written in place and moved only when out of order. Anything this writer does not handle as `to_json` would (a
//! duplicate member, a map key that is not text or an integer, an integer beyond 64 bits) is an
//! error, and [`super::canonical`] then takes the way through the tree.

use super::{key_order, write_f64, write_string};
use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

#[derive(Debug)]
pub(super) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not written directly")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type R = Result<(), Unsupported>;

/// Append the canonical text of `v` to `out`; on error `out` holds a partial text.
pub(super) fn write<T: Serialize + ?Sized>(out: &mut String, v: &T) -> R {
    v.serialize(Writer { out })
}

struct Writer<'a> {
    out: &'a mut String,
}

/// An array being written: elements in order, straight into the output.
pub(super) struct Seq<'a> {
    out: &'a mut String,
    first: bool,
    /// Closing a `{"variant":[…]}`.
    close_variant: bool,
}

/// An object being written: members go straight into the output, in the order given, each
/// remembered by its key and place; at the end, if the keys were not already in RFC 8785 order,
/// the members are copied once more in that order.
pub(super) struct Obj<'a> {
    out: &'a mut String,
    /// Where the first member starts (after the `{`).
    start: usize,
    members: Vec<(Cow<'static, str>, Range<usize>)>,
    key: Option<String>,
    /// Closing a `{"variant":{…}}`.
    close_variant: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String, close_variant: bool) -> Self {
        out.push('{');
        Obj {
            start: out.len(),
            out,
            members: Vec::new(),
            key: None,
            close_variant,
        }
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, v: &T) -> R {
        if !self.members.is_empty() {
            self.out.push(',');
        }
        let start = self.out.len();
        write_string(self.out, &key);
        self.out.push(':');
        write(self.out, v)?;
        self.members.push((key, start..self.out.len()));
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> R {
        self.member(Cow::Borrowed(key), v)
    }

    fn close(self) -> R {
        self.finish()
    }

    fn finish(mut self) -> R {
        let ordered = |m: &[(Cow<str>, Range<usize>)]| {
            m.windows(2)
                .all(|w| key_order(&w[0].0, &w[1].0) == Ordering::Less)
        };
        if !ordered(&self.members) {
            crate::domain::sort::by(&mut self.members, |a, b| key_order(&a.0, &b.0));
            if !ordered(&self.members) {
                // Two members of one name: `to_json` keeps the last, left to it.
                return Err(Unsupported);
            }
            let written = self.out.split_off(self.start);
            for (i, (_, range)) in self.members.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                let r = range.start - self.start..range.end - self.start;
                self.out.push_str(&written[r]);
            }
        }
        self.out.push('}');
        if self.close_variant {
            self.out.push('}');
        }
        Ok(())
    }
}

fn open_variant(out: &mut String, variant: &str) {
    out.push('{');
    write_string(out, variant);
    out.push(':');
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Obj<'a>;
    type SerializeStruct = Obj<'a>;
    type SerializeStructVariant = Obj<'a>;
    crate::domain::digest::json_data_model!();

    fn serialize_bool(self, v: bool) -> R {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    // Integers count as the doubles they convert to, as `json::as_f64` reads them.
    fn serialize_i64(self, v: i64) -> R {
        write_f64(self.out, v as f64);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> R {
        match i64::try_from(v) {
            Ok(v) => self.serialize_i64(v),
            Err(_) => self.serialize_u128(u128::try_from(v).map_err(|_| Unsupported)?),
        }
    }
    fn serialize_u64(self, v: u64) -> R {
        write_f64(self.out, v as f64);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> R {
        self.serialize_u64(u64::try_from(v).map_err(|_| Unsupported)?)
    }
    fn serialize_f64(self, v: f64) -> R {
        write_f64(self.out, v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        write_string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        let mut s = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut s, b)?;
        }
        ser::SerializeSeq::end(s)
    }
    fn serialize_unit(self) -> R {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        open_variant(self.out, variant);
        write(self.out, v)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Unsupported> {
        self.out.push('[');
        Ok(Seq {
            out: self.out,
            first: true,
            close_variant: false,
        })
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, Unsupported> {
        open_variant(self.out, variant);
        self.out.push('[');
        Ok(Seq {
            out: self.out,
            first: true,
            close_variant: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj<'a>, Unsupported> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'a>, Unsupported> {
        Ok(Obj::new(self.out, false))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Obj<'a>, Unsupported> {
        open_variant(self.out, variant);
        Ok(Obj::new(self.out, true))
    }
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write(self.out, v)
    }
    fn close(self) -> R {
        self.out.push(']');
        if self.close_variant {
            self.out.push('}');
        }
        Ok(())
    }
}

/// How JSON takes serde's data model, the same in every serializer here: narrower numbers as the
/// 64-bit ones, a character as text, `None` and unit structs as unit (`null`), `Some` and newtype
/// structs as what they hold, a unit variant as its name, tuples as sequences.
macro_rules! json_data_model {
    () => {
        fn serialize_i8(self, v: i8) -> Result<(), Self::Error> {
            self.serialize_i64(v.into())
        }
        fn serialize_i16(self, v: i16) -> Result<(), Self::Error> {
            self.serialize_i64(v.into())
        }
        fn serialize_i32(self, v: i32) -> Result<(), Self::Error> {
            self.serialize_i64(v.into())
        }
        fn serialize_u8(self, v: u8) -> Result<(), Self::Error> {
            self.serialize_u64(v.into())
        }
        fn serialize_u16(self, v: u16) -> Result<(), Self::Error> {
            self.serialize_u64(v.into())
        }
        fn serialize_u32(self, v: u32) -> Result<(), Self::Error> {
            self.serialize_u64(v.into())
        }
        fn serialize_f32(self, v: f32) -> Result<(), Self::Error> {
            self.serialize_f64(v.into())
        }
        fn serialize_char(self, v: char) -> Result<(), Self::Error> {
            self.serialize_str(v.encode_utf8(&mut [0; 4]))
        }
        fn serialize_none(self) -> Result<(), Self::Error> {
            self.serialize_unit()
        }
        fn serialize_some<T: serde::Serialize + ?Sized>(self, v: &T) -> Result<(), Self::Error> {
            v.serialize(self)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
            self.serialize_unit()
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<(), Self::Error> {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<(), Self::Error> {
            v.serialize(self)
        }
        fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            len: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            self.serialize_seq(Some(len))
        }
    };
}
pub(crate) use json_data_model;

/// serde's four sequence traits and two struct traits differ only in name: one body each, for a
/// serializer whose `Seq` has `element` and `close` and whose `Obj` has `field` and `close` (this
/// writer and `json::same_as`'s comparer).
macro_rules! compound_traits {
    ($seq:ident, $obj:ident, $err:ty) => {
        $crate::domain::digest::compound_traits!(@seq $seq, $err, SerializeSeq::serialize_element,
            SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field,
            SerializeTupleVariant::serialize_field);
        $crate::domain::digest::compound_traits!(@obj $obj, $err, SerializeStruct, SerializeStructVariant);
    };
    (@seq $seq:ident, $err:ty, $($t:ident::$f:ident),*) => {$(
        impl serde::ser::$t for $seq<'_> {
            type Ok = ();
            type Error = $err;
            fn $f<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Result<(), $err> {
                self.element(v)
            }
            fn end(self) -> Result<(), $err> {
                self.close()
            }
        }
    )*};
    (@obj $obj:ident, $err:ty, $($t:ident),*) => {$(
        impl serde::ser::$t for $obj<'_> {
            type Ok = ();
            type Error = $err;
            fn serialize_field<T: serde::Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), $err> {
                self.field(key, v)
            }
            fn end(self) -> Result<(), $err> {
                self.close()
            }
        }
    )*};
}
pub(crate) use compound_traits;
compound_traits!(Seq, Obj, Unsupported);

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.key = Some(key.serialize(KeyWriter)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R {
        let key = self.key.take().ok_or(Unsupported)?;
        self.member(Cow::Owned(key), v)
    }
    fn end(self) -> R {
        self.finish()
    }
}

/// A map key: text, a character or an integer (as `serde_json` writes keys); anything else is
/// left to the way through the tree.
struct KeyWriter;

/// A map key's text as `serde_json` writes it ([`KeyWriter`]), or `None` for a key it leaves to
/// the tree (also for `json::same_as`).
pub(crate) fn map_key<T: Serialize + ?Sized>(key: &T) -> Option<String> {
    key.serialize(KeyWriter).ok()
}

macro_rules! integer_keys {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, v: $t) -> Result<String, Unsupported> {
            Ok(v.to_string())
        })*
    };
}

macro_rules! unsupported {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, _: $t) -> Result<String, Unsupported> {
            Err(Unsupported)
        })*
    };
}

impl ser::Serializer for KeyWriter {
    type Ok = String;
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<String, Unsupported>;
    type SerializeTuple = ser::Impossible<String, Unsupported>;
    type SerializeTupleStruct = ser::Impossible<String, Unsupported>;
    type SerializeTupleVariant = ser::Impossible<String, Unsupported>;
    type SerializeMap = ser::Impossible<String, Unsupported>;
    type SerializeStruct = ser::Impossible<String, Unsupported>;
    type SerializeStructVariant = ser::Impossible<String, Unsupported>;

    integer_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    unsupported!(serialize_bool: bool, serialize_f32: f32, serialize_f64: f64,
        serialize_i128: i128, serialize_u128: u128, serialize_bytes: &[u8]);

    fn serialize_char(self, v: char) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_none(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Unsupported> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, Unsupported> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

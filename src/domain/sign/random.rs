//! The system's random source (getrandom: the OS natively, `crypto.getRandomValues` in the
//! browser). Only key creation and key-file encryption use it; signing is deterministic.

use crate::domain::error::{Code, Error, Result};

pub fn fill(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| {
        Error::new(
            Code::KeyFile,
            "$",
            format!("无法取得系统随机数,不能生成或加密密钥:{e}"),
        )
    })
}

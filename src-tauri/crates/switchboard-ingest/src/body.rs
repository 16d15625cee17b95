//! Reading a request body: gzip or plain, never more than the limit once decompressed.

use std::io::Read;

use flate2::read::GzDecoder;

/// Why a body could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BodyError {
    #[error("the body is over the {0}-byte limit")]
    TooLarge(usize),
    #[error("the gzip body could not be decompressed: {0}")]
    BadGzip(#[source] std::io::Error),
    #[error("Content-Encoding `{0}` is not supported; send gzip or no encoding")]
    UnsupportedEncoding(String),
}

/// The body's bytes, decompressed when `encoding` says gzip, refused past `limit` bytes.
pub(crate) fn decode(
    raw: &[u8],
    encoding: Option<&str>,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let bytes = match encoding.map(str::trim) {
        None | Some("" | "identity") => raw.to_vec(),
        Some(e) if e.eq_ignore_ascii_case("gzip") => {
            let mut out = Vec::new();
            GzDecoder::new(raw)
                .take(limit as u64 + 1)
                .read_to_end(&mut out)
                .map_err(BodyError::BadGzip)?;
            out
        }
        Some(other) => return Err(BodyError::UnsupportedEncoding(other.to_owned())),
    };
    if bytes.len() > limit {
        return Err(BodyError::TooLarge(limit));
    }
    Ok(bytes)
}

//! The bundle: every export, the design file and a manifest in one zip,
//! byte-identical for the same design.

use std::fmt;
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{text_files, File, Format};
use crate::model::{save, Design};

/// The name of the design file inside the bundle.
pub const DESIGN_FILE: &str = "design.routecraft.json";

/// The name of the manifest inside the bundle.
pub const MANIFEST_FILE: &str = "manifest.txt";

/// Why the bundle could not be written, such as a zip library error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleError(String);

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the bundle: {}", self.0)
    }
}

impl std::error::Error for BundleError {}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The manifest: one line per file with its SHA-256, its size in bytes
/// and its path.
fn manifest(files: &[File]) -> String {
    let mut out = String::from("# sha256 bytes path\n");
    for f in files {
        let digest = Sha256::digest(&f.contents);
        let _ = writeln!(out, "{} {} {}", hex(&digest), f.contents.len(), f.path);
    }
    out
}

/// Every file the bundle holds, the manifest last.
pub(super) fn bundle_files(design: &Design) -> Vec<File> {
    let text = [
        Format::Bicep,
        Format::Arm,
        Format::Terraform,
        Format::Runbook,
        Format::Report,
        Format::Svg,
    ];
    let mut files = text_files(design, &text);
    files.push(File::text(DESIGN_FILE.into(), save(design)));
    let list = manifest(&files);
    files.push(File::text(MANIFEST_FILE.into(), list));
    files
}

/// A zip of every export of the design, the design file and a manifest of
/// their checksums. Timestamps are fixed, so the bytes depend on the design
/// alone.
///
/// ```
/// use routecraft_core::{export, templates};
/// let design = templates::connect_to();
/// let zip = export::bundle(&design).unwrap();
/// assert_eq!(&zip[..2], b"PK");
/// assert_eq!(zip, export::bundle(&design).unwrap());
/// ```
pub fn bundle(design: &Design) -> Result<Vec<u8>, BundleError> {
    let fail = |e: &dyn fmt::Display| BundleError(e.to_string());
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for f in bundle_files(design) {
        zip.start_file(f.path.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&f.contents).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

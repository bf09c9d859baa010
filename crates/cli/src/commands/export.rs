//! `routecraft export`: the deployment files, each written whole or not at all.

use std::path::Path;
use std::process::ExitCode;

use routecraft_core::export::{self, Format};
use routecraft_core::model::Design;

use super::Stop;
use crate::write;

pub fn run(design: &Design, out: &Path, formats: &[Format]) -> Result<ExitCode, Stop> {
    let files = export::export(design, formats).map_err(|e| Stop::failed(e.to_string()))?;
    for file in files {
        let path = out.join(&file.path);
        write::atomically(&path, &file.contents)
            .map_err(|e| Stop::failed(format!("cannot write {}: {e}", path.display())))?;
        outln!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

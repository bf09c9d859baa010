//! Exports: what the architect hands to the delivery team and the customer.
//!
//! Infrastructure as code in three dialects is written from one
//! intermediate description (an internal list of resource groups,
//! parameters and resources with their properties and dependencies), so
//! the dialects cannot disagree:
//!
//! - Bicep and ARM JSON: one resource-group-scoped file per subscription,
//!   `bicep/<subscription>/main.bicep` and `arm/<subscription>/azuredeploy.json`,
//!   deployed with `az deployment group create` into the resource group
//!   `rg-<subscription name>-network`, which the runbook creates first. A
//!   reference to a resource of another subscription goes through
//!   `resourceId()` with that subscription's id as a parameter.
//! - Terraform: one `terraform/main.tf` for the azurerm provider (4.x), with
//!   a provider alias and an `azurerm_resource_group` per subscription.
//!
//! Dependencies are explicit: ARM's `dependsOn` lists every resource of the
//! same file a resource waits for (its parent, what its values reference,
//! and ordering such as peerings before connections, one peering of a
//! circuit at a time, the hub's gateway before a spoke uses it). Bicep and
//! Terraform infer the referenced ones from symbolic references and list
//! the others in `dependsOn` and `depends_on`. Order across subscriptions
//! is the runbook's.
//!
//! Names follow the convention of the `naming` module: a resource is named
//! after its element, with anything outside `A-Za-z0-9-_.` replaced. Secrets
//! (BGP MD5 keys, authorization keys, VPN pre-shared keys) are secure
//! parameters or sensitive variables, never literals. On-premises routers
//! and appliances are not Azure resources: the runbook describes them.
//!
//! Every export is deterministic: the same design gives byte-identical files.
//!
//! Organization:
//! - [`export`], [`Format`], [`File`]: every file of the chosen formats
//! - [`bundle`]: all of them, the design file and a manifest in one zip
//! - [`runbook`], [`report`], [`diagram_svg`]: the documents on their own
//! - [`BundleError`]: why a zip could not be written

mod arm;
mod bicep;
mod bundle;
mod escape;
mod ir;
mod naming;
mod plan;
mod plan_links;
mod plan_network;
mod plan_peering;
mod report;
mod runbook;
mod runbook_sheet;
mod terraform;

pub use bundle::{bundle, BundleError, DESIGN_FILE, MANIFEST_FILE};
pub use report::report;
pub use runbook::runbook;

use std::fmt;

use crate::diagram;
use crate::model::Design;

/// One exported file: its path inside the bundle and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// A relative path with `/` separators, such as `terraform/main.tf`.
    pub path: String,
    /// The contents; UTF-8 text for every format but the bundle.
    pub contents: Vec<u8>,
}

impl File {
    fn text(path: String, text: String) -> File {
        File {
            path,
            contents: text.into_bytes(),
        }
    }

    /// The contents as text, if they are UTF-8.
    pub fn as_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.contents).ok()
    }
}

/// The formats a design exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Bicep files, one per subscription.
    Bicep,
    /// ARM JSON templates, one per subscription.
    Arm,
    /// Terraform for azurerm.
    Terraform,
    /// The provisioning runbook, Markdown.
    Runbook,
    /// The design report, Markdown.
    Report,
    /// The diagram, SVG.
    Svg,
    /// A zip of everything with the design file and a manifest.
    Bundle,
}

impl Format {
    /// Every format, in the order files are written.
    pub const ALL: [Format; 7] = [
        Format::Bicep,
        Format::Arm,
        Format::Terraform,
        Format::Runbook,
        Format::Report,
        Format::Svg,
        Format::Bundle,
    ];

    /// The name the command line uses, such as `terraform`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Bicep => "bicep",
            Format::Arm => "arm",
            Format::Terraform => "terraform",
            Format::Runbook => "runbook",
            Format::Report => "report",
            Format::Svg => "svg",
            Format::Bundle => "bundle",
        }
    }

    /// The format with the given name.
    ///
    /// ```
    /// use routecraft_core::export::Format;
    /// assert_eq!(Format::from_name("arm"), Some(Format::Arm));
    /// assert_eq!(Format::from_name("pdf"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The diagram as a standalone SVG document, with legend and charts.
pub fn diagram_svg(design: &Design) -> String {
    let options = diagram::SvgOptions::for_design(design);
    diagram::svg(&diagram::scene(design), &options)
}

/// The files of the text formats among `formats`, in format order.
fn text_files(design: &Design, formats: &[Format]) -> Vec<File> {
    let plan = plan::plan(design);
    let mut files = Vec::new();
    for format in Format::ALL.into_iter().filter(|f| formats.contains(f)) {
        match format {
            Format::Bicep => files.extend(bicep::render(&plan, &design.name)),
            Format::Arm => files.extend(arm::render(&plan, &design.name)),
            Format::Terraform => files.extend(terraform::render(&plan, &design.name)),
            Format::Runbook => files.push(File::text("runbook.md".into(), runbook(design))),
            Format::Report => files.push(File::text("report.md".into(), report(design))),
            Format::Svg => files.push(File::text("diagram.svg".into(), diagram_svg(design))),
            Format::Bundle => {}
        }
    }
    files
}

/// Every file of the chosen formats, in format order; the bundle, if
/// chosen, comes last as `routecraft-bundle.zip`.
///
/// ```
/// use routecraft_core::{export, templates};
/// use export::Format;
/// let files = export::export(&templates::connect_to(), &[Format::Terraform]).unwrap();
/// assert_eq!(files[0].path, "terraform/main.tf");
/// ```
pub fn export(design: &Design, formats: &[Format]) -> Result<Vec<File>, BundleError> {
    let mut files = text_files(design, formats);
    if formats.contains(&Format::Bundle) {
        files.push(File {
            path: "routecraft-bundle.zip".into(),
            contents: bundle(design)?,
        });
    }
    Ok(files)
}

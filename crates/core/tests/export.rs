//! The exports: golden files for both templates, real parsers for ARM JSON,
//! Terraform HCL and SVG, determinism, secrets and hostile names.
//!
//! Run with `UPDATE_GOLDEN=1` to rewrite the golden files after a change
//! that was meant; review the diff before committing it.

use std::path::PathBuf;

use routecraft_core::export::{self, File, Format};
use routecraft_core::model::{Design, Id};
use routecraft_core::templates;

const TEXT: [Format; 6] = [
    Format::Bicep,
    Format::Arm,
    Format::Terraform,
    Format::Runbook,
    Format::Report,
    Format::Svg,
];

fn files(design: &Design) -> Vec<File> {
    export::export(design, &TEXT).expect("text exports never fail")
}

fn text(file: &File) -> &str {
    file.as_text().expect("UTF-8")
}

fn find<'a>(files: &'a [File], suffix: &str) -> Vec<&'a File> {
    files.iter().filter(|f| f.path.ends_with(suffix)).collect()
}

#[test]
fn both_templates_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for name in templates::TEMPLATE_NAMES {
        let design = templates::by_name(name).expect("template");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(name);
        for file in files(&design) {
            let path = dir.join(&file.path);
            if update {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, &file.contents).expect("write golden");
                continue;
            }
            let golden = std::fs::read(&path)
                .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
            assert!(
                golden == file.contents,
                "{} differs from its golden file; run with UPDATE_GOLDEN=1 and review the diff",
                path.display()
            );
        }
    }
}

#[test]
fn exports_are_byte_identical_each_time() {
    for name in templates::TEMPLATE_NAMES {
        let design = templates::by_name(name).expect("template");
        assert_eq!(files(&design), files(&design));
        assert_eq!(export::bundle(&design), export::bundle(&design));
    }
}

#[test]
fn arm_templates_are_json_with_secure_secrets() {
    let mut design = templates::connect_to();
    design.circuits[0].peerings[0].md5_key_ref = Some("kv-er-md5".into());
    for file in find(&files(&design), "azuredeploy.json") {
        let json: serde_json::Value = serde_json::from_str(text(file)).expect("valid JSON");
        assert!(json["$schema"]
            .as_str()
            .unwrap()
            .contains("deploymentTemplate"));
        let params = json["parameters"].as_object().unwrap();
        let md5: Vec<_> = params
            .iter()
            .filter(|(k, _)| k.starts_with("md5_key"))
            .collect();
        assert_eq!(md5.len(), 1);
        assert_eq!(md5[0].1["type"], "securestring");
        assert!(
            !text(file).contains("kv-er-md5\""),
            "the secret's name is not a value"
        );
        let peering = json["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "er-contoso-ams/AzurePrivatePeering")
            .expect("private peering");
        assert!(peering["properties"]["sharedKey"]
            .as_str()
            .unwrap()
            .starts_with("[parameters("));
        assert!(!peering["dependsOn"].as_array().unwrap().is_empty());
    }
}

#[test]
fn terraform_parses_as_hcl_with_sensitive_secrets() {
    let mut design = templates::connect_through();
    design.circuits[0].peerings[0].md5_key_ref = Some("kv-er-md5".into());
    let all = files(&design);
    let tf = find(&all, "main.tf");
    let body: hcl::Body = hcl::from_str(text(tf[0])).expect("valid HCL");
    let blocks: Vec<&hcl::Block> = body.blocks().collect();
    let sensitive = blocks.iter().any(|b| {
        b.identifier() == "variable" && b.body().attributes().any(|a| a.key() == "sensitive")
    });
    assert!(sensitive);
    let circuits = blocks
        .iter()
        .filter(|b| b.identifier() == "resource")
        .filter(|b| b.labels().first().map(|l| l.as_str()) == Some("azurerm_express_route_circuit"))
        .count();
    assert_eq!(circuits, 2);
}

#[test]
fn bicep_and_arm_have_one_file_per_subscription() {
    let all = files(&templates::connect_through());
    assert_eq!(find(&all, "main.bicep").len(), 2);
    assert_eq!(find(&all, "azuredeploy.json").len(), 2);
    let bicep = text(find(&all, "main.bicep")[0]);
    assert!(bicep.contains("'Microsoft.Network/expressRouteCircuits@2023-11-01'"));
}

#[test]
fn the_svg_export_parses_as_xml() {
    for name in templates::TEMPLATE_NAMES {
        let design = templates::by_name(name).expect("template");
        let all = files(&design);
        roxmltree::Document::parse(text(find(&all, "diagram.svg")[0])).expect("valid XML");
    }
}

fn hostile() -> Design {
    let evil = "evil\"'\n${x}%{y}<script>[[x]] | # `";
    let mut design = templates::connect_to();
    design.name = evil.into();
    design.partner.name = evil.into();
    design.customers[0].name = evil.into();
    design.subscriptions[0].name = evil.into();
    design.circuits[0].name = evil.into();
    design.circuits[0].provider = evil.into();
    design.circuits[0].peering_location = evil.into();
    design.circuits[0].peerings[0].md5_key_ref = Some(evil.into());
    design.vnets[0].name = evil.into();
    design.vnets[0].subnets[1].name = evil.into();
    design.nsgs[0].rules[0].source = evil.into();
    design.routers[0].name = evil.into();
    design.sites[0].name = evil.into();
    design
}

#[test]
fn hostile_names_cannot_break_or_inject_into_any_output() {
    let design = hostile();
    let all = files(&design);
    for file in find(&all, "azuredeploy.json") {
        let json: serde_json::Value = serde_json::from_str(text(file)).expect("valid JSON");
        for r in json["resources"].as_array().unwrap() {
            let name = r["name"].as_str().unwrap();
            assert!(
                !name.starts_with('['),
                "a name became an expression: {name}"
            );
        }
        let provider = json["resources"][0]["properties"]["serviceProviderProperties"]
            ["serviceProviderName"]
            .as_str()
            .unwrap();
        assert!(provider.starts_with("evil"));
    }
    let tf = text(find(&all, "main.tf")[0]);
    let body: hcl::Body = hcl::from_str(tf).expect("valid HCL despite hostile names");
    assert!(body.blocks().count() > 10);
    assert!(!tf.contains("\"${x}"), "an interpolation was left live");
    for file in find(&all, "main.bicep") {
        let bicep = text(file);
        assert!(!bicep.contains("'evil\"'"), "a quote closed a string");
        let code = bicep.lines().filter(|l| !l.starts_with("//"));
        for line in code {
            for (i, _) in line.match_indices("${") {
                assert_eq!(&line[i - 1..i], "\\", "a live interpolation in Bicep");
            }
        }
        for line in bicep.lines().filter(|l| l.starts_with("//")) {
            assert!(!line.contains('\n'));
        }
    }
    for doc in ["runbook.md", "report.md"] {
        let md = text(find(&all, doc)[0]);
        assert!(!md.contains("<script>"), "{doc} lets HTML through");
        assert!(
            md.lines().all(|l| !l.starts_with("${x}")),
            "{doc} broke a line"
        );
    }
    roxmltree::Document::parse(text(find(&all, "diagram.svg")[0])).expect("valid SVG");
}

#[test]
fn dangling_references_export_without_panic() {
    let mut design = templates::connect_through();
    design.gateways[0].vnet = Id::new("nowhere");
    design.connections[1].circuit = Id::new("nowhere");
    design.vnet_peerings[0].remote = Id::new("nowhere");
    design.vnets[1].subnets[0].nsg = Some(Id::new("nowhere"));
    design.circuits[0].subscription = Id::new("nowhere");
    let all = files(&design);
    let runbook = text(find(&all, "runbook.md")[0]);
    assert!(runbook.contains("Left out of the templates"));
    assert!(export::bundle(&design).is_ok());
    assert!(export::bundle(&Design::default()).is_ok());
}

#[test]
fn the_bundle_holds_every_file_and_a_true_manifest() {
    use std::io::Read;
    let design = templates::connect_to();
    let bytes = export::bundle(&design).expect("bundle");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut manifest = String::new();
    zip.by_name(export::MANIFEST_FILE)
        .expect("manifest")
        .read_to_string(&mut manifest)
        .expect("text");
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    assert_eq!(listed.len(), zip.len() - 1);
    for line in listed {
        let parts: Vec<&str> = line.split(' ').collect();
        let mut data = Vec::new();
        zip.by_name(parts[2])
            .expect("listed file")
            .read_to_end(&mut data)
            .expect("read");
        assert_eq!(parts[1], data.len().to_string());
    }
    let mut saved = String::new();
    zip.by_name(export::DESIGN_FILE)
        .expect("design")
        .read_to_string(&mut saved)
        .expect("text");
    assert_eq!(routecraft_core::model::load(&saved).expect("loads"), design);
}

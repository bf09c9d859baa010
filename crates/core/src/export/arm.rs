//! ARM JSON: one resource-group-scoped `azuredeploy.json` per subscription,
//! the same resources as the Bicep files.

use serde_json::{json, Map, Value as Json};

use super::bicep::{foreign_groups, used_params};
use super::escape::{arm_expr_str, arm_literal};
use super::ir::{Plan, Resource, Value};
use super::File;

const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

fn value(plan: &Plan, group: usize, v: &Value) -> Json {
    match v {
        Value::Str(s) => Json::String(arm_literal(s)),
        Value::Int(n) => json!(n),
        Value::Bool(b) => json!(b),
        Value::List(items) => Json::Array(items.iter().map(|i| value(plan, group, i)).collect()),
        Value::Obj(fields) | Value::Block(fields) => {
            let mut map = Map::new();
            for (k, item) in fields {
                map.insert(k.clone(), value(plan, group, item));
            }
            Json::Object(map)
        }
        Value::Param(p) => Json::String(format!("[parameters({})]", arm_expr_str(p))),
        Value::Id(key) => Json::String(format!("[{}]", resource_id(plan, group, key))),
        Value::Location => Json::String("[parameters('location')]".to_owned()),
        Value::GroupName => Json::String("[resourceGroup().name]".to_owned()),
        Value::Name(key) => {
            let name = plan
                .resource(key)
                .and_then(|r| r.arm.as_ref())
                .and_then(|a| a.name.last().cloned())
                .unwrap_or_default();
            Json::String(arm_literal(&name))
        }
    }
}

/// `resourceId(...)` of a resource, with its subscription and resource
/// group when it lives in another file.
fn resource_id(plan: &Plan, group: usize, key: &str) -> String {
    let Some((target, arm)) = plan
        .resource(key)
        .and_then(|r| r.arm.as_ref().map(|a| (r, a)))
    else {
        return "''".to_owned();
    };
    let mut args = Vec::new();
    if target.group != group {
        if let Some(other) = plan.groups.get(target.group) {
            args.push(format!(
                "parameters({})",
                arm_expr_str(&other.subscription_param())
            ));
            args.push(arm_expr_str(&other.name));
        }
    }
    args.push(arm_expr_str(arm.kind));
    args.extend(arm.name.iter().map(|n| arm_expr_str(n)));
    format!("resourceId({})", args.join(", "))
}

fn resource(plan: &Plan, group: usize, r: &Resource) -> Option<Json> {
    let arm = r.arm.as_ref()?;
    let mut map = Map::new();
    map.insert("type".into(), json!(arm.kind));
    map.insert("apiVersion".into(), json!(arm.api));
    map.insert(
        "name".into(),
        Json::String(arm_literal(&arm.name.join("/"))),
    );
    if let Some(loc) = &arm.location {
        map.insert("location".into(), value(plan, group, loc));
    }
    if let Some(sku) = &arm.sku {
        map.insert("sku".into(), value(plan, group, sku));
    }
    let props = Value::Obj(arm.properties.clone());
    map.insert("properties".into(), value(plan, group, &props));
    // ARM infers nothing from resourceId(), so every dependency in this
    // file is listed.
    let depends: Vec<Json> = r
        .dependencies()
        .iter()
        .filter(|d| {
            plan.resource(d)
                .is_some_and(|t| t.group == group && t.arm.is_some())
        })
        .map(|d| Json::String(format!("[{}]", resource_id(plan, group, d))))
        .collect();
    if !depends.is_empty() {
        map.insert("dependsOn".into(), Json::Array(depends));
    }
    Some(Json::Object(map))
}

/// The ARM templates of a plan.
pub(crate) fn render(plan: &Plan, design_name: &str) -> Vec<File> {
    let mut files = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        let resources: Vec<Json> = plan
            .resources
            .iter()
            .filter(|r| r.group == g)
            .filter_map(|r| resource(plan, g, r))
            .collect();
        if resources.is_empty() {
            continue;
        }
        let mut params = Map::new();
        params.insert(
            "location".into(),
            json!({
                "type": "string",
                "defaultValue": arm_literal(&group.location),
                "metadata": { "description": "Region of the circuits, ports and route filters." }
            }),
        );
        for other in foreign_groups(plan, g) {
            let Some(o) = plan.groups.get(other) else {
                continue;
            };
            let what = format!(
                "Id of subscription {}, where {} lives.",
                o.subscription_name, o.name
            );
            params.insert(
                o.subscription_param(),
                json!({ "type": "string", "metadata": { "description": arm_literal(&what) } }),
            );
        }
        for p in used_params(plan, g) {
            let kind = if p.secure { "securestring" } else { "string" };
            params.insert(
                p.name.clone(),
                json!({ "type": kind, "metadata": { "description": arm_literal(&p.description) } }),
            );
        }
        let template = json!({
            "$schema": SCHEMA,
            "contentVersion": "1.0.0.0",
            "metadata": {
                "generator": "Routecraft",
                "design": arm_literal(design_name),
                "resourceGroup": arm_literal(&group.name),
                "subscription": arm_literal(&group.subscription_name)
            },
            "parameters": params,
            "resources": resources
        });
        let mut text = serde_json::to_string_pretty(&template).unwrap_or_default();
        text.push('\n');
        files.push(File::text(
            format!("arm/{}/azuredeploy.json", group.dir),
            text,
        ));
    }
    files
}

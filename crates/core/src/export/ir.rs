//! The one intermediate description every infrastructure-as-code dialect
//! is written from: resource groups, parameters and resources with their
//! properties and dependencies.
//!
//! A resource carries an ARM view (type, API version, name, properties),
//! which Bicep and ARM JSON both render, and a Terraform view (azurerm
//! resource type and arguments), both filled by the same builder from the
//! same computed values. A few resources exist in one view only: Terraform
//! declares resource groups and subnet associations as resources of their
//! own, where ARM sets a subnet's property.

use crate::model::Id;

/// A value in a resource's properties or arguments.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Value>),
    /// An object in ARM; a map in Terraform.
    Obj(Vec<(String, Value)>),
    /// A nested block in Terraform; rendered as an object elsewhere.
    Block(Vec<(String, Value)>),
    /// A parameter (ARM, Bicep) or variable (Terraform), by name.
    Param(String),
    /// The resource id of the resource with this key.
    Id(String),
    /// The location of the resource's own resource group.
    Location,
    /// Terraform: the name of the resource's own resource group.
    GroupName,
    /// Terraform: the name of the resource with this key.
    Name(String),
}

impl Value {
    pub fn str(text: impl Into<String>) -> Value {
        Value::Str(text.into())
    }

    /// A list of strings.
    pub fn strs<T: ToString>(items: &[T]) -> Value {
        Value::List(items.iter().map(|i| Value::Str(i.to_string())).collect())
    }

    /// An ARM sub-resource reference: `{ id: ... }`.
    pub fn id_ref(key: &str) -> Value {
        Value::Obj(vec![("id".into(), Value::Id(key.to_owned()))])
    }

    /// Every parameter and resource key the value mentions.
    pub fn visit(&self, params: &mut Vec<String>, ids: &mut Vec<String>) {
        match self {
            Value::List(items) => items.iter().for_each(|v| v.visit(params, ids)),
            Value::Obj(fields) | Value::Block(fields) => {
                fields.iter().for_each(|(_, v)| v.visit(params, ids));
            }
            Value::Param(p) => params.push(p.clone()),
            Value::Id(k) | Value::Name(k) => ids.push(k.clone()),
            _ => {}
        }
    }
}

/// Builds an ordered list of fields from pairs.
pub(crate) fn fields<const N: usize>(pairs: [(&str, Value); N]) -> Vec<(String, Value)> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A resource group: one per subscription of the design.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group {
    /// Symbolic name, such as `contoso_prod`.
    pub key: String,
    /// The resource group's name, such as `rg-contoso-production-network`.
    pub name: String,
    /// The subscription it lives in.
    pub subscription: Id,
    /// The subscription's display name.
    pub subscription_name: String,
    /// The folder its Bicep and ARM files go into.
    pub dir: String,
    /// The region the group and its non-regional resources use.
    pub location: String,
}

impl Group {
    /// The parameter holding the group's subscription id, for references
    /// from other subscriptions.
    pub fn subscription_param(&self) -> String {
        format!("{}_subscription_id", self.key)
    }
}

/// A parameter the deployer supplies.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Param {
    pub name: String,
    pub description: String,
    /// A secret: `@secure()`, `securestring`, `sensitive = true`.
    pub secure: bool,
}

/// The ARM view of a resource, rendered by Bicep and ARM JSON.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Arm {
    /// The resource type, such as `Microsoft.Network/expressRouteCircuits`.
    pub kind: &'static str,
    pub api: &'static str,
    /// Name segments: the parents' names, then its own.
    pub name: Vec<String>,
    /// The key of the parent resource, for child resources.
    pub parent: Option<String>,
    /// `Some(Value::Location)` for the group's location, a region string
    /// for a regional resource, `None` for a child resource.
    pub location: Option<Value>,
    pub sku: Option<Value>,
    pub properties: Vec<(String, Value)>,
}

/// The Terraform view of a resource.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tf {
    /// The azurerm resource type, such as `azurerm_express_route_circuit`.
    pub kind: &'static str,
    pub args: Vec<(String, Value)>,
}

/// One resource of the deployment.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resource {
    /// Unique symbolic name: Bicep's identifier and Terraform's label.
    pub key: String,
    /// Index of its resource group.
    pub group: usize,
    pub arm: Option<Arm>,
    pub tf: Option<Tf>,
    /// Keys it must wait for beyond those its values reference.
    pub depends: Vec<String>,
}

impl Resource {
    /// A resource written in every dialect, with no dependencies beyond
    /// those its values reference.
    pub fn new(key: String, group: usize, arm: Arm, tf: Tf) -> Resource {
        Resource {
            key,
            group,
            arm: Some(arm),
            tf: Some(tf),
            depends: Vec::new(),
        }
    }

    /// The keys this resource depends on: its parent, the resources its
    /// values reference and its explicit dependencies, without repeats.
    pub fn dependencies(&self) -> Vec<String> {
        let mut params = Vec::new();
        let mut ids = Vec::new();
        if let Some(arm) = &self.arm {
            ids.extend(arm.parent.iter().cloned());
            arm.properties
                .iter()
                .for_each(|(_, v)| v.visit(&mut params, &mut ids));
        }
        if let Some(tf) = &self.tf {
            tf.args
                .iter()
                .for_each(|(_, v)| v.visit(&mut params, &mut ids));
        }
        ids.extend(self.depends.iter().cloned());
        let mut seen = Vec::new();
        for id in ids {
            if id != self.key && !seen.contains(&id) {
                seen.push(id);
            }
        }
        seen
    }

    /// The parameters this resource's values use.
    pub fn params(&self, arm: bool) -> Vec<String> {
        let mut params = Vec::new();
        let mut ids = Vec::new();
        match (arm, &self.arm, &self.tf) {
            (true, Some(a), _) => {
                a.properties
                    .iter()
                    .for_each(|(_, v)| v.visit(&mut params, &mut ids));
                a.sku.iter().for_each(|v| v.visit(&mut params, &mut ids));
            }
            (false, _, Some(t)) => t
                .args
                .iter()
                .for_each(|(_, v)| v.visit(&mut params, &mut ids)),
            _ => {}
        }
        params
    }
}

/// Everything to deploy, in dependency-respecting order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Plan {
    pub groups: Vec<Group>,
    pub params: Vec<Param>,
    pub resources: Vec<Resource>,
    /// Elements left out, with the reason, for the runbook.
    pub skipped: Vec<String>,
}

impl Plan {
    /// The resource with this key.
    pub fn resource(&self, key: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.key == key)
    }

    /// The parameter with this name.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Adds a parameter unless one of that name exists.
    pub fn add_param(&mut self, name: &str, description: &str, secure: bool) {
        if self.param(name).is_none() {
            self.params.push(Param {
                name: name.to_owned(),
                description: description.to_owned(),
                secure,
            });
        }
    }
}

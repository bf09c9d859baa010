//! Exports: what the architect hands to the delivery team and the customer.
//!
//! Infrastructure as code in three dialects (Bicep, ARM JSON, Terraform for
//! azurerm) written from one intermediate description so that they cannot
//! disagree, the runbook, the design report, and a bundle that zips them
//! with the design file and a manifest. Every export is deterministic: the
//! same design gives byte-identical files.

//! Behaviour of validation, rule by rule: each case starts from a template,
//! changes one thing, and says whether a rule fires and on which elements.
//! Every rule has a case where it fires and a near miss where it does not.
//! This file holds the templates, circuits and baseline changes; peerings,
//! gateways and addressing have files of their own.

mod validate_support;

use routecraft_core::model::*;
use routecraft_core::templates::{by_name, TEMPLATE_NAMES};
use routecraft_core::validate::{findings_for, validate, Severity};

use validate_support::*;

// Templates.

#[test]
fn both_templates_have_no_errors_and_no_warnings() {
    for name in TEMPLATE_NAMES {
        let findings = validate(&by_name(name).unwrap());
        let loud: Vec<_> = findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .collect();
        assert!(loud.is_empty(), "{name}: {loud:#?}");
    }
}

#[test]
fn findings_come_errors_first_then_by_rule_and_element() {
    let findings = run(TO, |d| {
        d.circuits[0].bandwidth_mbps = 300;
        d.circuits[0].provider_state = ProviderState::Deprovisioning;
        d.nsgs[0].rules[0].priority = 50;
    });
    let keys: Vec<_> = findings
        .iter()
        .map(|f| (f.severity, f.rule, f.elements.first()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(findings.first().map(|f| f.severity), Some(Severity::Error));
}

#[test]
fn findings_for_lists_only_the_elements_findings() {
    let findings = run(TO, |d| d.circuits[0].bandwidth_mbps = 300);
    assert!(findings_for(&findings, "er-contoso-ams").any(|f| f.rule == "ER-BANDWIDTH"));
    assert_eq!(findings_for(&findings, "contoso-spoke").count(), 0);
}

// Circuits.

#[test]
fn a_provider_circuit_of_300_mbps_is_not_offered() {
    fires(
        TO,
        |d| d.circuits[0].bandwidth_mbps = 300,
        "ER-BANDWIDTH",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_provider_circuit_of_500_mbps_is_offered() {
    quiet(TO, |d| d.circuits[0].bandwidth_mbps = 500, "ER-BANDWIDTH");
}

#[test]
fn a_40_gbps_circuit_does_not_fit_a_10_gbps_port() {
    fires(
        TO,
        |d| {
            direct_port(d, 10, Encapsulation::Dot1Q);
            d.circuits[0].bandwidth_mbps = 40_000
        },
        "ER-BANDWIDTH",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_40_gbps_circuit_fits_a_100_gbps_port() {
    quiet(
        TO,
        |d| {
            direct_port(d, 100, Encapsulation::Dot1Q);
            d.circuits[0].bandwidth_mbps = 40_000
        },
        "ER-BANDWIDTH",
    );
}

#[test]
fn a_direct_circuit_without_a_port_is_refused() {
    fires(
        TO,
        |d| d.circuits[0].kind = CircuitKind::Direct,
        "ER-DIRECT-PORT",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_direct_circuit_on_a_port_at_its_location_is_fine() {
    quiet(
        TO,
        |d| direct_port(d, 10, Encapsulation::Dot1Q),
        "ER-DIRECT-PORT",
    );
}

#[test]
fn a_direct_circuit_at_another_location_than_its_port_is_refused() {
    fires(
        TO,
        |d| {
            direct_port(d, 10, Encapsulation::Dot1Q);
            d.direct_ports[0].peering_location = "London".into()
        },
        "ER-DIRECT-PORT",
        &["er-contoso-ams", "port-1"],
    );
}

#[test]
fn three_10_gbps_circuits_oversubscribe_a_10_gbps_port_pair() {
    fires(
        CT,
        |d| {
            more_circuits(d, &["Amsterdam"]);
            direct_port(d, 10, Encapsulation::QinQ)
        },
        "ER-DIRECT-OVERSUBSCRIBED",
        &["port-1"],
    );
}

#[test]
fn two_10_gbps_circuits_fit_a_10_gbps_port_pair() {
    quiet(
        CT,
        |d| direct_port(d, 10, Encapsulation::QinQ),
        "ER-DIRECT-OVERSUBSCRIBED",
    );
}

#[test]
fn a_metered_local_circuit_is_refused() {
    fires(
        TO,
        |d| {
            d.circuits[0].tier = Tier::Local;
            d.circuits[0].family = Family::MeteredData
        },
        "ER-LOCAL-FAMILY",
        &["er-contoso-ams"],
    );
}

#[test]
fn an_unlimited_local_circuit_is_fine() {
    quiet(TO, |d| d.circuits[0].tier = Tier::Local, "ER-LOCAL-FAMILY");
}

#[test]
fn a_local_circuit_has_no_global_reach() {
    fires(
        CT,
        |d| {
            d.circuits[0].tier = Tier::Local;
            d.circuits[0].global_reach.push(GlobalReach {
                id: id("gr-1"),
                peer_circuit: id("er-fabrikam-ams"),
                address_prefix: "192.168.99.0/29".parse().unwrap(),
            })
        },
        "ER-LOCAL-GLOBAL-REACH",
        &["er-contoso-ams", "gr-1"],
    );
}

#[test]
fn a_standard_circuit_may_have_global_reach() {
    quiet(
        CT,
        |d| {
            d.circuits[0].global_reach.push(GlobalReach {
                id: id("gr-1"),
                peer_circuit: id("er-fabrikam-ams"),
                address_prefix: "192.168.99.0/29".parse().unwrap(),
            })
        },
        "ER-LOCAL-GLOBAL-REACH",
    );
}

#[test]
fn a_local_circuit_does_not_reach_north_europe_from_amsterdam() {
    fires(
        TO,
        |d| {
            d.circuits[0].tier = Tier::Local;
            d.vnets[0].region = "northeurope".into()
        },
        "ER-LOCAL-REGION",
        &["er-contoso-ams", "contoso-hub"],
    );
}

#[test]
fn a_local_circuit_reaches_west_europe_from_amsterdam() {
    quiet(TO, |d| d.circuits[0].tier = Tier::Local, "ER-LOCAL-REGION");
}

#[test]
fn a_local_circuit_where_local_is_not_offered_is_refused() {
    fires(
        TO,
        |d| {
            d.circuits[0].tier = Tier::Local;
            d.circuits[0].peering_location = "Dallas".into()
        },
        "ER-LOCAL-REGION",
        &["er-contoso-ams"],
    );
}

#[test]
fn an_unknown_peering_location_is_said_to_be_unchecked() {
    fires(
        TO,
        |d| d.circuits[0].peering_location = "Atlantis".into(),
        "ER-PLACE-UNKNOWN",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_known_peering_location_is_checked() {
    quiet(TO, same, "ER-PLACE-UNKNOWN");
}

#[test]
fn both_connections_on_one_router_break_the_pair() {
    fires(
        TO,
        |d| d.circuits[0].secondary_router = Some(id("contoso-ams-rtr")),
        "ER-CIRCUIT-PAIR",
        &["er-contoso-ams", "contoso-ams-rtr"],
    );
}

#[test]
fn connections_on_two_routers_make_a_pair() {
    quiet(TO, same, "ER-CIRCUIT-PAIR");
}

#[test]
fn a_secondary_connection_ending_nowhere_is_refused() {
    fires(
        TO,
        |d| d.circuits[0].secondary_router = None,
        "ER-CIRCUIT-TERMINATION",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_secondary_connection_to_a_missing_router_counts_as_ending_nowhere() {
    fires(
        TO,
        |d| d.circuits[0].secondary_router = Some(id("ghost")),
        "ER-CIRCUIT-TERMINATION",
        &["er-contoso-ams"],
    );
}

#[test]
fn both_connections_ending_on_routers_is_fine() {
    quiet(TO, same, "ER-CIRCUIT-TERMINATION");
}

#[test]
fn two_routers_in_one_site_get_a_warning() {
    fires(
        TO,
        |d| d.routers[1].site = id("contoso-ams"),
        "ER-CIRCUIT-SAME-SITE",
        &["er-contoso-ams", "contoso-ams-rtr", "contoso-utr-rtr"],
    );
}

#[test]
fn two_routers_in_two_sites_are_fine() {
    quiet(TO, same, "ER-CIRCUIT-SAME-SITE");
}

#[test]
fn another_customers_gateway_on_a_circuit_shares_it() {
    fires(
        CT,
        |d| d.connections[1].circuit = id("er-contoso-ams"),
        "ER-CIRCUIT-ONE-CUSTOMER",
        &["er-contoso-ams", "fabrikam-hub-ergw-to-er-fabrikam-ams"],
    );
}

#[test]
fn an_authorization_for_another_customer_shares_the_circuit() {
    fires(
        CT,
        |d| {
            d.circuits[0].authorizations.push(Authorization {
                id: id("auth-1"),
                name: "auth-1".into(),
                subscription: id("fabrikam-prod"),
            })
        },
        "ER-CIRCUIT-ONE-CUSTOMER",
        &["er-contoso-ams", "auth-1"],
    );
}

#[test]
fn an_authorization_for_the_same_customer_does_not_share_the_circuit() {
    quiet(
        CT,
        |d| {
            d.circuits[0].authorizations.push(Authorization {
                id: id("auth-1"),
                name: "auth-1".into(),
                subscription: id("contoso-prod"),
            })
        },
        "ER-CIRCUIT-ONE-CUSTOMER",
    );
}

#[test]
fn eleven_vnet_links_exceed_a_standard_circuit() {
    fires(
        TO,
        |d| extra_connections(d, 10),
        "ER-VNET-LINKS",
        &["er-contoso-ams"],
    );
}

#[test]
fn ten_vnet_links_fit_a_standard_circuit() {
    quiet(TO, |d| extra_connections(d, 9), "ER-VNET-LINKS");
}

#[test]
fn global_reach_counts_against_the_vnet_link_limit() {
    fires(
        CT,
        |d| {
            extra_connections(d, 9);
            d.circuits[0].global_reach.push(GlobalReach {
                id: id("gr-1"),
                peer_circuit: id("er-fabrikam-ams"),
                address_prefix: "192.168.99.0/29".parse().unwrap(),
            })
        },
        "ER-VNET-LINKS",
        &["er-contoso-ams"],
    );
}

#[test]
fn eleven_vnet_links_fit_a_premium_circuit() {
    quiet(
        TO,
        |d| {
            extra_connections(d, 10);
            d.circuits[0].tier = Tier::Premium
        },
        "ER-VNET-LINKS",
    );
}

#[test]
fn a_standard_circuit_in_europe_does_not_reach_east_us() {
    fires(
        TO,
        |d| d.vnets[0].region = "eastus".into(),
        "ER-GEOGRAPHY",
        &["er-contoso-ams", "contoso-hub"],
    );
}

#[test]
fn a_premium_circuit_in_europe_reaches_east_us() {
    quiet(
        TO,
        |d| {
            d.vnets[0].region = "eastus".into();
            d.circuits[0].tier = Tier::Premium
        },
        "ER-GEOGRAPHY",
    );
}

fn reach(d: &mut Design, location: &str) {
    d.circuits[1].peering_location = location.into();
    d.circuits[0].global_reach.push(GlobalReach {
        id: id("gr-1"),
        peer_circuit: id("er-fabrikam-ams"),
        address_prefix: "192.168.99.0/29".parse().unwrap(),
    });
}

#[test]
fn global_reach_between_circuits_at_one_location_is_refused() {
    fires(
        CT,
        |d| reach(d, "Amsterdam"),
        "ER-GLOBAL-REACH",
        &["er-contoso-ams", "gr-1"],
    );
}

#[test]
fn global_reach_across_geographies_needs_premium_on_both() {
    fires(
        CT,
        |d| reach(d, "Tokyo"),
        "ER-GLOBAL-REACH",
        &["er-contoso-ams", "gr-1"],
    );
}

#[test]
fn global_reach_between_amsterdam_and_london_is_fine() {
    quiet(CT, |d| reach(d, "London"), "ER-GLOBAL-REACH");
}

#[test]
fn peerings_before_provisioning_get_an_info() {
    fires(
        TO,
        |d| d.circuits[0].provider_state = ProviderState::Provisioning,
        "ER-PROVIDER-NOT-PROVISIONED",
        &["er-contoso-ams"],
    );
}

#[test]
fn peerings_on_a_provisioned_circuit_are_fine() {
    quiet(TO, same, "ER-PROVIDER-NOT-PROVISIONED");
}

#[test]
fn a_circuit_being_deprovisioned_with_peerings_gets_a_warning() {
    fires(
        TO,
        |d| d.circuits[0].provider_state = ProviderState::Deprovisioning,
        "ER-PROVIDER-DEPROVISIONING",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_circuit_being_deprovisioned_without_peerings_or_links_is_fine() {
    quiet(
        TO,
        |d| {
            d.circuits[0].provider_state = ProviderState::Deprovisioning;
            d.circuits[0].peerings.clear();
            d.connections.clear()
        },
        "ER-PROVIDER-DEPROVISIONING",
    );
}

// Changes against the baseline.

#[test]
fn a_bandwidth_decrease_requires_re_creating_the_circuit() {
    fires(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].bandwidth_mbps = 500
        },
        "ER-RECREATE-CIRCUIT",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_bandwidth_increase_is_made_in_place() {
    quiet(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].bandwidth_mbps = 2000
        },
        "ER-RECREATE-CIRCUIT",
    );
}

#[test]
fn unlimited_to_metered_requires_re_creating_the_circuit() {
    fires(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].family = Family::MeteredData
        },
        "ER-RECREATE-CIRCUIT",
        &["er-contoso-ams"],
    );
}

#[test]
fn metered_to_unlimited_is_made_in_place() {
    quiet(
        CT,
        |d| {
            with_baseline(d, same);
            d.circuits[0].family = Family::UnlimitedData
        },
        "ER-RECREATE-CIRCUIT",
    );
}

#[test]
fn standard_to_local_requires_re_creating_the_circuit() {
    fires(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].tier = Tier::Local
        },
        "ER-RECREATE-CIRCUIT",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_new_provider_requires_re_creating_the_circuit() {
    fires(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].provider = "Colt".into()
        },
        "ER-RECREATE-CIRCUIT",
        &["er-contoso-ams"],
    );
}

#[test]
fn a_circuit_absent_from_the_baseline_is_new() {
    quiet(
        TO,
        |d| {
            with_baseline(d, |b| b.circuits.clear());
            d.circuits[0].bandwidth_mbps = 50
        },
        "ER-RECREATE-CIRCUIT",
    );
}

#[test]
fn premium_to_standard_says_it_fails_above_standard_limits() {
    fires(
        TO,
        |d| with_baseline(d, |b| b.circuits[0].tier = Tier::Premium),
        "ER-PREMIUM-DOWNGRADE",
        &["er-contoso-ams"],
    );
}

#[test]
fn standard_to_premium_is_a_plain_upgrade() {
    quiet(
        TO,
        |d| {
            with_baseline(d, same);
            d.circuits[0].tier = Tier::Premium
        },
        "ER-PREMIUM-DOWNGRADE",
    );
}

#[test]
fn local_to_standard_is_done_with_cli_or_powershell() {
    fires(
        TO,
        |d| with_baseline(d, |b| b.circuits[0].tier = Tier::Local),
        "ER-LOCAL-UPGRADE",
        &["er-contoso-ams"],
    );
}

#[test]
fn standard_staying_standard_needs_no_upgrade_step() {
    quiet(TO, |d| with_baseline(d, same), "ER-LOCAL-UPGRADE");
}

#[test]
fn ergw3az_to_ergw1az_means_re_creating_the_gateway() {
    fires(
        TO,
        |d| with_baseline(d, |b| b.gateways[0].sku = GatewaySku::ErGw3Az),
        "ER-GATEWAY-RECREATE",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn ergw2az_to_ergw1az_is_made_in_place() {
    quiet(
        TO,
        |d| with_baseline(d, |b| b.gateways[0].sku = GatewaySku::ErGw2Az),
        "ER-GATEWAY-RECREATE",
    );
}

#[test]
fn standard_to_ergwscale_needs_the_migration_tool() {
    fires(
        TO,
        |d| {
            with_baseline(d, |b| b.gateways[0].sku = GatewaySku::Standard);
            d.gateways[0].sku = GatewaySku::ErGwScale;
            d.gateways[0].scale_units = Some(2)
        },
        "ER-GATEWAY-MIGRATION",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn ergw1az_to_ergwscale_is_made_in_place() {
    quiet(
        TO,
        |d| {
            with_baseline(d, same);
            d.gateways[0].sku = GatewaySku::ErGwScale;
            d.gateways[0].scale_units = Some(2)
        },
        "ER-GATEWAY-MIGRATION",
    );
}

//! Behaviour of the peering and prefix-limit rules.

mod validate_support;

use ipnet::IpNet;
use routecraft_core::model::*;

use validate_support::*;

// Peerings.

#[test]
fn a_29_as_primary_link_subnet_is_refused() {
    fires(
        TO,
        |d| private(d).primary_prefix = "192.168.50.0/29".parse().unwrap(),
        "ER-PEERING-PREFIX-SIZE",
        &["er-contoso-private"],
    );
}

#[test]
fn a_30_with_host_bits_is_refused() {
    fires(
        TO,
        |d| private(d).primary_prefix = "192.168.50.1/30".parse().unwrap(),
        "ER-PEERING-PREFIX-SIZE",
        &["er-contoso-private"],
    );
}

#[test]
fn an_ipv6_link_subnet_must_be_a_126() {
    fires(
        TO,
        |d| {
            private(d).ipv6 = Some(Ipv6Peering {
                primary_prefix: "fd00::/64".parse().unwrap(),
                secondary_prefix: "fd00:0:0:1::/126".parse().unwrap(),
            })
        },
        "ER-PEERING-PREFIX-SIZE",
        &["er-contoso-private"],
    );
}

#[test]
fn two_30s_are_the_right_size() {
    quiet(TO, same, "ER-PEERING-PREFIX-SIZE");
}

#[test]
fn the_same_30_on_both_links_overlaps() {
    fires(
        TO,
        |d| private(d).secondary_prefix = "192.168.50.0/30".parse().unwrap(),
        "ER-PEERING-PREFIX-OVERLAP",
        &["er-contoso-private", "er-contoso-ams"],
    );
}

#[test]
fn a_link_subnet_inside_a_vnet_overlaps() {
    fires(
        TO,
        |d| private(d).primary_prefix = "10.120.1.0/30".parse().unwrap(),
        "ER-PEERING-PREFIX-OVERLAP",
        &["er-contoso-private", "contoso-hub"],
    );
}

#[test]
fn link_subnets_clear_of_vnets_do_not_overlap() {
    quiet(TO, same, "ER-PEERING-PREFIX-OVERLAP");
}

#[test]
fn two_private_peerings_on_one_circuit_are_refused() {
    fires(
        TO,
        |d| {
            let mut p = private(d).clone();
            p.id = id("second");
            p.vlan_id = 300;
            d.circuits[0].peerings.push(p)
        },
        "ER-PEERING-DUPLICATE",
        &["er-contoso-ams"],
    );
}

#[test]
fn one_peering_of_each_kind_is_fine() {
    quiet(TO, same, "ER-PEERING-DUPLICATE");
}

#[test]
fn two_peerings_on_one_vlan_collide() {
    fires(
        TO,
        |d| microsoft(d).vlan_id = 100,
        "ER-VLAN-DUPLICATE",
        &["er-contoso-private", "er-contoso-microsoft"],
    );
}

#[test]
fn the_same_vlan_on_two_circuits_of_a_dot1q_port_collides() {
    fires(
        CT,
        |d| {
            direct_port(d, 100, Encapsulation::Dot1Q);
            d.circuits[1].peerings[0].vlan_id = 110
        },
        "ER-VLAN-DUPLICATE",
        &["er-contoso-ams-private", "er-fabrikam-ams-private"],
    );
}

#[test]
fn the_same_vlan_on_two_circuits_of_a_qinq_port_is_fine() {
    quiet(
        CT,
        |d| {
            direct_port(d, 100, Encapsulation::QinQ);
            d.circuits[1].peerings[0].vlan_id = 110
        },
        "ER-VLAN-DUPLICATE",
    );
}

#[test]
fn vlan_0_is_outside_the_presumed_range() {
    fires(
        TO,
        |d| private(d).vlan_id = 0,
        "ER-VLAN-RANGE",
        &["er-contoso-private"],
    );
}

#[test]
fn vlan_4094_is_inside_the_presumed_range() {
    quiet(TO, |d| private(d).vlan_id = 4094, "ER-VLAN-RANGE");
}

#[test]
fn peer_asn_65515_is_reserved_by_azure() {
    fires(
        TO,
        |d| private(d).peer_asn = 65515,
        "ER-PEER-ASN-RESERVED",
        &["er-contoso-private"],
    );
}

#[test]
fn peer_asn_12076_is_microsofts() {
    fires(
        TO,
        |d| private(d).peer_asn = 12076,
        "ER-PEER-ASN-RESERVED",
        &["er-contoso-private"],
    );
}

#[test]
fn peer_asn_23456_is_reserved_by_iana() {
    fires(
        TO,
        |d| private(d).peer_asn = 23456,
        "ER-PEER-ASN-RESERVED",
        &["er-contoso-private"],
    );
}

#[test]
fn peer_asn_65514_is_free() {
    quiet(TO, |d| private(d).peer_asn = 65514, "ER-PEER-ASN-RESERVED");
}

#[test]
fn microsoft_peering_with_a_private_asn_needs_manual_validation() {
    fires(
        TO,
        same,
        "ER-MS-PEERING-PRIVATE-ASN",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn microsoft_peering_with_a_public_asn_needs_no_manual_validation() {
    quiet(
        TO,
        |d| microsoft(d).peer_asn = 8100,
        "ER-MS-PEERING-PRIVATE-ASN",
    );
}

#[test]
fn an_rfc_1918_prefix_on_microsoft_peering_is_refused() {
    fires(
        TO,
        |d| {
            ms_config(d)
                .advertised_public_prefixes
                .push(net("10.20.0.0/24"))
        },
        "ER-MS-PEERING-PUBLIC-ADDRESSES",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn a_shared_address_link_subnet_on_microsoft_peering_is_refused() {
    fires(
        TO,
        |d| microsoft(d).primary_prefix = "100.64.1.0/30".parse().unwrap(),
        "ER-MS-PEERING-PUBLIC-ADDRESSES",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn public_prefixes_on_microsoft_peering_are_fine() {
    quiet(
        TO,
        |d| ms_config(d).advertised_public_prefixes = vec![net("20.1.2.0/24")],
        "ER-MS-PEERING-PUBLIC-ADDRESSES",
    );
}

#[test]
fn documentation_prefixes_on_microsoft_peering_are_placeholders() {
    fires(
        TO,
        same,
        "ER-MS-PEERING-DOCUMENTATION-RANGE",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn registered_prefixes_on_microsoft_peering_are_not_placeholders() {
    quiet(
        TO,
        |d| {
            microsoft(d).primary_prefix = "20.1.1.0/30".parse().unwrap();
            microsoft(d).secondary_prefix = "20.1.1.4/30".parse().unwrap();
            ms_config(d).advertised_public_prefixes = vec![net("20.1.2.0/24")]
        },
        "ER-MS-PEERING-DOCUMENTATION-RANGE",
    );
}

#[test]
fn microsoft_peering_without_a_route_filter_receives_nothing() {
    fires(
        TO,
        |d| ms_config(d).route_filter = None,
        "ER-MS-PEERING-ROUTE-FILTER",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn an_empty_route_filter_receives_nothing() {
    fires(
        TO,
        |d| communities(d).clear(),
        "ER-MS-PEERING-ROUTE-FILTER",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn a_route_filter_with_communities_is_fine() {
    quiet(TO, same, "ER-MS-PEERING-ROUTE-FILTER");
}

#[test]
fn two_hundred_and_one_microsoft_prefixes_drop_the_session() {
    fires(
        TO,
        |d| ms_config(d).advertised_public_prefixes = prefixes(201, [20, 1]),
        "ER-MS-PEERING-PREFIX-COUNT",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn two_hundred_microsoft_prefixes_are_fine() {
    quiet(
        TO,
        |d| ms_config(d).advertised_public_prefixes = prefixes(200, [20, 1]),
        "ER-MS-PEERING-PREFIX-COUNT",
    );
}

#[test]
fn an_unknown_community_in_a_route_filter_is_flagged() {
    fires(
        TO,
        |d| communities(d).push("65000:1".into()),
        "ER-ROUTE-FILTER-COMMUNITY",
        &["er-contoso-filter"],
    );
}

#[test]
fn a_regional_community_in_a_route_filter_is_known() {
    quiet(
        TO,
        |d| communities(d).push("12076:51002".into()),
        "ER-ROUTE-FILTER-COMMUNITY",
    );
}

#[test]
fn exchange_online_needs_microsofts_authorization() {
    fires(
        TO,
        |d| communities(d).push("12076:5010".into()),
        "ER-M365-AUTHORIZATION",
        &["er-contoso-filter"],
    );
}

#[test]
fn azure_services_need_no_authorization() {
    quiet(TO, same, "ER-M365-AUTHORIZATION");
}

#[test]
fn microsoft_365_on_a_standard_circuit_needs_premium() {
    fires(
        TO,
        |d| communities(d).push("12076:5010".into()),
        "ER-M365-PREMIUM",
        &["er-contoso-filter", "er-contoso-microsoft"],
    );
}

#[test]
fn microsoft_365_on_a_premium_circuit_is_fine() {
    quiet(
        TO,
        |d| {
            communities(d).push("12076:5010".into());
            d.circuits[0].tier = Tier::Premium
        },
        "ER-M365-PREMIUM",
    );
}

#[test]
fn public_peering_is_deprecated() {
    fires(
        TO,
        |d| microsoft(d).kind = PeeringKind::AzurePublicPeering,
        "ER-PUBLIC-PEERING",
        &["er-contoso-microsoft"],
    );
}

#[test]
fn microsoft_peering_is_not_public_peering() {
    quiet(TO, same, "ER-PUBLIC-PEERING");
}

#[test]
fn private_and_microsoft_peering_together_break_a_separation_posture() {
    fires(
        TO,
        |d| d.customers[0].security.separate_microsoft_peering = true,
        "ER-PEERING-SEPARATION",
        &["er-contoso-ams"],
    );
}

#[test]
fn private_peering_alone_meets_a_separation_posture() {
    quiet(
        CT,
        |d| d.customers[0].security.separate_microsoft_peering = true,
        "ER-PEERING-SEPARATION",
    );
}

// Prefix limits.

#[test]
fn over_4000_onprem_prefixes_drop_a_standard_circuits_session() {
    fires(
        TO,
        |d| d.sites[0].advertised = prefixes(3999, [10, 20]),
        "ER-ONPREM-PREFIXES",
        &["er-contoso-ams"],
    );
}

#[test]
fn exactly_4000_onprem_prefixes_fit_a_standard_circuit() {
    quiet(
        TO,
        |d| d.sites[0].advertised = prefixes(3998, [10, 20]),
        "ER-ONPREM-PREFIXES",
    );
}

#[test]
fn over_4000_onprem_prefixes_fit_a_premium_circuit() {
    quiet(
        TO,
        |d| {
            d.sites[0].advertised = prefixes(3999, [10, 20]);
            d.circuits[0].tier = Tier::Premium
        },
        "ER-ONPREM-PREFIXES",
    );
}

#[test]
fn another_customers_prefixes_count_only_against_its_own_circuit() {
    let findings = run(CT, |d| d.sites[3].advertised = prefixes(4001, [10, 10]));
    let circuits: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "ER-ONPREM-PREFIXES")
        .map(|f| f.elements[0].as_str())
        .collect();
    assert_eq!(circuits, ["er-fabrikam-ams"]);
}

fn ipv6_peering(d: &mut Design) {
    private(d).ipv6 = Some(Ipv6Peering {
        primary_prefix: "fd00::/126".parse().unwrap(),
        secondary_prefix: "fd00::4/126".parse().unwrap(),
    });
}

fn ipv6_prefixes(n: usize) -> Vec<IpNet> {
    (0..n).map(|i| net(&format!("fd10:{i:x}::/48"))).collect()
}

#[test]
fn over_100_onprem_ipv6_prefixes_drop_the_session() {
    fires(
        TO,
        |d| {
            ipv6_peering(d);
            d.sites[0].advertised.extend(ipv6_prefixes(101))
        },
        "ER-ONPREM-IPV6-PREFIXES",
        &["er-contoso-ams"],
    );
}

#[test]
fn onprem_ipv6_prefixes_do_not_count_without_ipv6_peering() {
    quiet(
        TO,
        |d| d.sites[0].advertised.extend(ipv6_prefixes(101)),
        "ER-ONPREM-IPV6-PREFIXES",
    );
}

#[test]
fn an_ergw1az_learning_5000_routes_is_overwhelmed() {
    fires(
        TO,
        |d| {
            d.circuits[0].tier = Tier::Premium;
            d.sites[0].advertised = prefixes(5000, [10, 20])
        },
        "ER-GATEWAY-ROUTES",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn an_ergw2az_learns_5000_routes() {
    quiet(
        TO,
        |d| {
            d.circuits[0].tier = Tier::Premium;
            d.sites[0].advertised = prefixes(5000, [10, 20]);
            d.gateways[0].sku = GatewaySku::ErGw2Az
        },
        "ER-GATEWAY-ROUTES",
    );
}

fn hub_spaces(d: &mut Design, n: usize) {
    d.vnets[0]
        .address_space
        .extend((1..n).map(|i| net(&format!("10.{}.{}.0/24", 130 + i / 256, i % 256))));
}

#[test]
fn over_1000_vnet_address_spaces_take_the_connection_down() {
    fires(
        TO,
        |d| hub_spaces(d, 1000),
        "ER-VNET-PREFIXES",
        &["contoso-hub-ergw-to-er-contoso-ams", "contoso-hub"],
    );
}

#[test]
fn spokes_using_the_gateway_count_towards_the_connection() {
    quiet(
        TO,
        |d| {
            hub_spaces(d, 999);
            d.vnet_peerings[0].use_remote_gateways = false
        },
        "ER-VNET-PREFIXES",
    );
}

#[test]
fn a_new_connection_with_201_address_spaces_cannot_be_created() {
    fires(
        TO,
        |d| hub_spaces(d, 200),
        "ER-VNET-PREFIXES-AT-CREATION",
        &["contoso-hub-ergw-to-er-contoso-ams"],
    );
}

#[test]
fn a_deployed_connection_may_grow_past_200_address_spaces() {
    quiet(
        TO,
        |d| {
            with_baseline(d, same);
            hub_spaces(d, 200)
        },
        "ER-VNET-PREFIXES-AT-CREATION",
    );
}

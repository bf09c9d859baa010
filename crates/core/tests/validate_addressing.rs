//! Behaviour of the addressing, security posture and CSP model rules.

mod validate_support;

use routecraft_core::model::*;

use validate_support::*;

// Addressing.

#[test]
fn a_spoke_overlapping_its_hub_is_refused() {
    fires(
        TO,
        |d| d.vnets[1].address_space = vec![net("10.120.0.0/21")],
        "ER-VNET-OVERLAP",
        &["contoso-hub", "contoso-spoke"],
    );
}

#[test]
fn vnets_on_the_same_circuit_must_not_overlap() {
    fires(
        TO,
        |d| {
            d.vnet_peerings.clear();
            d.vnets[1].address_space = vec![net("10.120.0.0/21")];
            d.gateways.push(Gateway {
                id: id("spoke-gw"),
                vnet: id("contoso-spoke"),
                ..d.gateways[0].clone()
            });
            extra_connections(d, 1);
            d.connections[1].gateway = id("spoke-gw")
        },
        "ER-VNET-OVERLAP",
        &["contoso-hub", "contoso-spoke"],
    );
}

#[test]
fn overlapping_vnets_that_never_meet_are_fine() {
    quiet(CT, same, "ER-VNET-OVERLAP");
}

#[test]
fn a_vnet_overlapping_the_customers_datacenter_is_refused() {
    fires(
        TO,
        |d| d.vnets[1].address_space = vec![net("10.20.4.0/22")],
        "ER-ONPREM-OVERLAP",
        &["contoso-spoke", "contoso-ams"],
    );
}

#[test]
fn a_vnet_overlapping_the_csps_datacenter_is_not_the_customers_overlap() {
    quiet(
        TO,
        |d| d.vnets[1].address_space = vec![net("172.20.4.0/22")],
        "ER-ONPREM-OVERLAP",
    );
}

#[test]
fn overlapping_customers_without_vrfs_on_a_shared_router_collide() {
    fires(
        CT,
        |d| d.routers[0].vrfs.retain(|v| *v != "fabrikam"),
        "ER-CUSTOMER-OVERLAP",
        &["contoso", "fabrikam"],
    );
}

#[test]
fn overlapping_customers_in_their_own_vrfs_are_fine() {
    quiet(CT, same, "ER-CUSTOMER-OVERLAP");
}

#[test]
fn a_subnet_outside_its_vnet_is_refused() {
    fires(
        TO,
        |d| d.vnets[0].subnets[1].prefix = net("10.99.1.0/24"),
        "ER-SUBNET-OUTSIDE",
        &["contoso-hub-shared", "contoso-hub"],
    );
}

#[test]
fn a_subnet_inside_its_vnet_is_fine() {
    quiet(TO, same, "ER-SUBNET-OUTSIDE");
}

#[test]
fn overlapping_subnets_are_refused() {
    fires(
        TO,
        |d| d.vnets[0].subnets[1].prefix = net("10.120.0.0/24"),
        "ER-SUBNET-OVERLAP",
        &["contoso-hub-gateway", "contoso-hub-shared"],
    );
}

#[test]
fn adjacent_subnets_do_not_overlap() {
    quiet(
        TO,
        |d| d.vnets[0].subnets[1].prefix = net("10.120.0.32/27"),
        "ER-SUBNET-OVERLAP",
    );
}

#[test]
fn a_user_route_to_vnet_peering_is_refused() {
    fires(
        TO,
        |d| route_table(d, &[("10.0.0.0/8", NextHopType::VNetPeering, None)], true),
        "ER-UDR-NEXT-HOP-TYPE",
        &["rt-1-route-0"],
    );
}

#[test]
fn a_user_route_to_the_internet_is_fine() {
    quiet(
        TO,
        |d| route_table(d, &[("10.0.0.0/8", NextHopType::Internet, None)], true),
        "ER-UDR-NEXT-HOP-TYPE",
    );
}

#[test]
fn a_virtual_appliance_route_without_an_address_is_refused() {
    fires(
        TO,
        |d| {
            route_table(
                d,
                &[("0.0.0.0/0", NextHopType::VirtualAppliance, None)],
                true,
            )
        },
        "ER-UDR-APPLIANCE-IP",
        &["rt-1-route-0"],
    );
}

#[test]
fn a_virtual_appliance_outside_every_subnet_is_refused() {
    fires(
        TO,
        |d| {
            route_table(
                d,
                &[(
                    "0.0.0.0/0",
                    NextHopType::VirtualAppliance,
                    Some("10.99.0.4"),
                )],
                true,
            )
        },
        "ER-UDR-APPLIANCE-IP",
        &["rt-1-route-0"],
    );
}

#[test]
fn a_virtual_appliance_inside_a_subnet_is_fine() {
    quiet(
        TO,
        |d| {
            route_table(
                d,
                &[(
                    "0.0.0.0/0",
                    NextHopType::VirtualAppliance,
                    Some("10.120.1.4"),
                )],
                true,
            )
        },
        "ER-UDR-APPLIANCE-IP",
    );
}

fn spoke_table(d: &mut Design, hop: NextHopType) {
    route_table(d, &[("10.20.0.0/16", hop, None)], true);
    d.vnets[1].subnets[0].route_table = Some(id("rt-1"));
}

#[test]
fn a_user_route_to_an_expressroute_gateway_is_refused() {
    fires(
        TO,
        |d| spoke_table(d, NextHopType::VirtualNetworkGateway),
        "ER-UDR-EXPRESSROUTE-GATEWAY",
        &["rt-1-route-0", "rt-1", "contoso-spoke"],
    );
}

#[test]
fn a_user_route_to_the_internet_from_a_spoke_is_fine() {
    quiet(
        TO,
        |d| spoke_table(d, NextHopType::Internet),
        "ER-UDR-EXPRESSROUTE-GATEWAY",
    );
}

#[test]
fn an_appliance_without_ip_forwarding_drops_routed_traffic() {
    fires(
        TO,
        |d| {
            appliance(d, "contoso-hub-shared", "10.120.1.4", false);
            route_table(
                d,
                &[(
                    "0.0.0.0/0",
                    NextHopType::VirtualAppliance,
                    Some("10.120.1.4"),
                )],
                true,
            )
        },
        "ER-APPLIANCE-FORWARDING",
        &["fw-1", "rt-1-route-0"],
    );
}

#[test]
fn an_appliance_with_ip_forwarding_is_fine() {
    quiet(
        TO,
        |d| {
            appliance(d, "contoso-hub-shared", "10.120.1.4", true);
            route_table(
                d,
                &[(
                    "0.0.0.0/0",
                    NextHopType::VirtualAppliance,
                    Some("10.120.1.4"),
                )],
                true,
            )
        },
        "ER-APPLIANCE-FORWARDING",
    );
}

// Security posture.

#[test]
fn required_encryption_without_ipsec_or_macsec_is_refused() {
    fires(
        TO,
        |d| d.customers[0].security.encryption_required = true,
        "ER-ENCRYPTION",
        &["er-contoso-ams", "contoso"],
    );
}

#[test]
fn required_encryption_with_ipsec_over_private_peering_is_met() {
    quiet(
        TO,
        |d| {
            d.customers[0].security.encryption_required = true;
            ipsec(d, GatewaySku::VpnGw1AZ, true)
        },
        "ER-ENCRYPTION",
    );
}

#[test]
fn required_encryption_with_macsec_on_direct_is_met() {
    quiet(
        TO,
        |d| {
            d.customers[0].security.encryption_required = true;
            direct_port(d, 10, Encapsulation::Dot1Q);
            d.circuits[0].macsec = Some(MacsecCipher::GcmAes256)
        },
        "ER-ENCRYPTION",
    );
}

#[test]
fn macsec_on_a_provider_circuit_is_refused() {
    fires(
        TO,
        |d| d.circuits[0].macsec = Some(MacsecCipher::GcmAes256),
        "ER-MACSEC-PROVIDER",
        &["er-contoso-ams"],
    );
}

#[test]
fn macsec_on_a_direct_circuit_is_fine() {
    quiet(
        TO,
        |d| {
            direct_port(d, 10, Encapsulation::Dot1Q);
            d.circuits[0].macsec = Some(MacsecCipher::GcmAes256)
        },
        "ER-MACSEC-PROVIDER",
    );
}

#[test]
fn required_forced_tunnelling_without_a_default_route_is_refused() {
    fires(
        TO,
        |d| d.customers[0].security.forced_tunnelling = true,
        "ER-FORCED-TUNNEL-MISSING",
        &["contoso"],
    );
}

#[test]
fn required_forced_tunnelling_with_a_default_route_is_met() {
    quiet(
        TO,
        |d| {
            d.customers[0].security.forced_tunnelling = true;
            default_route(d)
        },
        "ER-FORCED-TUNNEL-MISSING",
    );
}

#[test]
fn a_default_route_without_an_internet_route_breaks_kms() {
    fires(
        TO,
        default_route,
        "ER-FORCED-TUNNEL-KMS",
        &["contoso-hub", "contoso-hub-shared"],
    );
}

#[test]
fn a_default_route_with_internet_routes_for_kms_is_handled() {
    quiet(
        TO,
        |d| {
            default_route(d);
            route_table(
                d,
                &[("20.118.99.224/32", NextHopType::Internet, None)],
                true,
            );
            for v in &mut d.vnets {
                for s in &mut v.subnets {
                    if !s.is_gateway_subnet() {
                        s.route_table = Some(id("rt-1"))
                    }
                }
            }
        },
        "ER-FORCED-TUNNEL-KMS",
    );
}

#[test]
fn a_default_route_sends_azure_services_on_premises() {
    fires(
        TO,
        default_route,
        "ER-FORCED-TUNNEL-SERVICES",
        &["contoso-hub", "contoso-hub-shared"],
    );
}

#[test]
fn service_endpoints_keep_azure_services_on_the_backbone() {
    quiet(
        TO,
        |d| {
            default_route(d);
            for v in &mut d.vnets {
                for s in &mut v.subnets {
                    s.service_endpoints = vec!["Microsoft.Storage".into()]
                }
            }
        },
        "ER-FORCED-TUNNEL-SERVICES",
    );
}

#[test]
fn an_nsg_priority_of_4097_is_refused() {
    fires(
        TO,
        |d| nsg_rule(d).priority = 4097,
        "ER-NSG-PRIORITY",
        &["contoso-spoke-nsg-https"],
    );
}

#[test]
fn an_nsg_priority_of_99_is_refused() {
    fires(
        TO,
        |d| nsg_rule(d).priority = 99,
        "ER-NSG-PRIORITY",
        &["contoso-spoke-nsg-https"],
    );
}

#[test]
fn an_nsg_priority_of_4096_is_fine() {
    quiet(TO, |d| nsg_rule(d).priority = 4096, "ER-NSG-PRIORITY");
}

#[test]
fn two_inbound_rules_with_one_priority_are_refused() {
    fires(
        TO,
        |d| {
            let mut r = nsg_rule(d).clone();
            r.id = id("again");
            d.nsgs[0].rules.push(r)
        },
        "ER-NSG-PRIORITY-DUPLICATE",
        &["contoso-spoke-nsg-https", "again"],
    );
}

#[test]
fn an_inbound_and_an_outbound_rule_may_share_a_priority() {
    quiet(
        TO,
        |d| {
            let mut r = nsg_rule(d).clone();
            r.id = id("again");
            r.direction = Direction::Outbound;
            d.nsgs[0].rules.push(r)
        },
        "ER-NSG-PRIORITY-DUPLICATE",
    );
}

#[test]
fn a_rule_name_of_81_characters_is_refused() {
    fires(
        TO,
        |d| nsg_rule(d).name = "x".repeat(81),
        "ER-NSG-RULE-NAME",
        &["contoso-spoke-nsg-https"],
    );
}

#[test]
fn a_rule_name_of_80_characters_is_fine() {
    quiet(
        TO,
        |d| nsg_rule(d).name = "x".repeat(80),
        "ER-NSG-RULE-NAME",
    );
}

#[test]
fn an_nsg_of_1001_rules_is_refused() {
    fires(
        TO,
        |d| add_nsg_rules(d, 1001),
        "ER-NSG-RULE-COUNT",
        &["contoso-spoke-nsg"],
    );
}

#[test]
fn an_nsg_of_1000_rules_is_fine() {
    quiet(TO, |d| add_nsg_rules(d, 1000), "ER-NSG-RULE-COUNT");
}

// The CSP models.

#[test]
fn a_connect_through_customer_without_a_circuit_is_refused() {
    fires(
        CT,
        |d| {
            d.circuits.pop();
            d.connections.pop();
        },
        "ER-CSP-OWN-CIRCUIT",
        &["fabrikam"],
    );
}

#[test]
fn every_connect_through_customer_with_a_circuit_is_fine() {
    quiet(CT, same, "ER-CSP-OWN-CIRCUIT");
}

#[test]
fn a_connect_through_customer_without_a_vrf_is_refused() {
    fires(
        CT,
        |d| d.customers[1].vrf = None,
        "ER-CSP-VRF",
        &["fabrikam"],
    );
}

#[test]
fn a_csp_router_without_the_customers_vrf_is_refused() {
    fires(
        CT,
        |d| d.routers[0].vrfs.retain(|v| *v != "fabrikam"),
        "ER-CSP-VRF",
        &["nw-ams1-edge", "er-fabrikam-ams"],
    );
}

#[test]
fn customers_with_vrfs_on_every_csp_router_are_fine() {
    quiet(CT, same, "ER-CSP-VRF");
}

#[test]
fn a_connect_through_customer_without_a_link_to_the_csp_is_refused() {
    fires(
        CT,
        |d| {
            d.links
                .retain(|l| l.customer.as_ref().is_none_or(|c| *c != "fabrikam"))
        },
        "ER-CSP-CUSTOMER-LINK",
        &["fabrikam"],
    );
}

#[test]
fn a_connect_through_customer_linked_to_the_csp_is_fine() {
    quiet(CT, same, "ER-CSP-CUSTOMER-LINK");
}

#[test]
fn a_connect_through_circuit_on_a_customer_router_is_refused() {
    fires(
        CT,
        |d| d.circuits[0].secondary_router = Some(id("contoso-hq-rtr")),
        "ER-CSP-THROUGH-TERMINATION",
        &["er-contoso-ams", "contoso-hq-rtr"],
    );
}

#[test]
fn a_connect_through_circuit_on_csp_routers_is_fine() {
    quiet(CT, same, "ER-CSP-THROUGH-TERMINATION");
}

#[test]
fn a_connect_to_circuit_on_a_csp_router_is_refused() {
    fires(
        TO,
        |d| d.circuits[0].secondary_router = Some(id("nw-ams1-edge")),
        "ER-CSP-TO-TERMINATION",
        &["er-contoso-ams", "nw-ams1-edge"],
    );
}

#[test]
fn a_connect_to_circuit_on_the_customers_routers_is_fine() {
    quiet(TO, same, "ER-CSP-TO-TERMINATION");
}

#[test]
fn a_csp_managed_subscription_without_admin_on_behalf_gets_a_warning() {
    fires(
        TO,
        |d| d.customers[0].identity.admin_on_behalf = false,
        "ER-CSP-ADMIN-ON-BEHALF",
        &["contoso-prod", "contoso"],
    );
}

#[test]
fn a_customer_managed_subscription_needs_no_admin_on_behalf() {
    quiet(
        TO,
        |d| {
            d.customers[0].identity.admin_on_behalf = false;
            d.subscriptions[0].managed_by = ManagedBy::Customer
        },
        "ER-CSP-ADMIN-ON-BEHALF",
    );
}

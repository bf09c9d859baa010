//! Behaviour of the gateway rules.

mod validate_support;

use routecraft_core::model::*;

use validate_support::*;

// Gateways.

#[test]
fn two_expressroute_gateways_in_one_vnet_are_refused() {
    fires(
        TO,
        |d| {
            let mut g = d.gateways[0].clone();
            g.id = id("second");
            d.gateways.push(g)
        },
        "ER-GATEWAY-PER-VNET",
        &["contoso-hub"],
    );
}

#[test]
fn an_expressroute_and_a_vpn_gateway_may_share_a_vnet() {
    quiet(
        TO,
        |d| vpn_gateway(d, GatewaySku::VpnGw1, false),
        "ER-GATEWAY-PER-VNET",
    );
}

#[test]
fn a_gateway_without_gatewaysubnet_is_refused() {
    fires(
        TO,
        |d| hub_gateway_subnet(d).name = "gateway".into(),
        "ER-GATEWAY-SUBNET-MISSING",
        &["contoso-hub"],
    );
}

#[test]
fn a_gateway_with_gatewaysubnet_is_fine() {
    quiet(TO, same, "ER-GATEWAY-SUBNET-MISSING");
}

#[test]
fn a_30_gatewaysubnet_is_too_small() {
    fires(
        TO,
        |d| hub_gateway_subnet(d).prefix = net("10.120.0.0/30"),
        "ER-GATEWAY-SUBNET-MIN",
        &["contoso-hub-gateway"],
    );
}

#[test]
fn a_29_gatewaysubnet_is_the_minimum() {
    quiet(
        TO,
        |d| hub_gateway_subnet(d).prefix = net("10.120.0.0/29"),
        "ER-GATEWAY-SUBNET-MIN",
    );
}

#[test]
fn nine_circuits_on_a_27_gatewaysubnet_need_a_26() {
    fires(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGw3Az;
            more_circuits(
                d,
                &[
                    "London",
                    "Dublin",
                    "Paris",
                    "Frankfurt",
                    "Tokyo",
                    "Sydney",
                    "Toronto",
                    "Chicago",
                ],
            )
        },
        "ER-GATEWAY-SUBNET-MIN",
        &["contoso-hub-gateway"],
    );
}

#[test]
fn a_28_gatewaysubnet_gets_a_warning() {
    fires(
        TO,
        |d| hub_gateway_subnet(d).prefix = net("10.120.0.0/28"),
        "ER-GATEWAY-SUBNET-SIZE",
        &["contoso-hub-gateway"],
    );
}

#[test]
fn a_27_gatewaysubnet_is_recommended() {
    quiet(TO, same, "ER-GATEWAY-SUBNET-SIZE");
}

#[test]
fn a_16_circuit_sku_on_a_27_gets_a_warning() {
    fires(
        TO,
        |d| d.gateways[0].sku = GatewaySku::ErGw3Az,
        "ER-GATEWAY-SUBNET-SIZE",
        &["contoso-hub-gateway"],
    );
}

#[test]
fn a_16_circuit_sku_on_a_26_is_fine() {
    quiet(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGw3Az;
            hub_gateway_subnet(d).prefix = net("10.120.0.0/26")
        },
        "ER-GATEWAY-SUBNET-SIZE",
    );
}

#[test]
fn an_appliance_in_gatewaysubnet_is_refused() {
    fires(
        TO,
        |d| appliance(d, "contoso-hub-gateway", "10.120.0.10", true),
        "ER-GATEWAY-SUBNET-CONTENTS",
        &["fw-1", "contoso-hub-gateway"],
    );
}

#[test]
fn an_appliance_in_its_own_subnet_is_fine() {
    quiet(
        TO,
        |d| appliance(d, "contoso-hub-shared", "10.120.1.4", true),
        "ER-GATEWAY-SUBNET-CONTENTS",
    );
}

#[test]
fn an_nsg_on_gatewaysubnet_is_refused() {
    fires(
        TO,
        |d| hub_gateway_subnet(d).nsg = Some(id("contoso-spoke-nsg")),
        "ER-GATEWAY-SUBNET-NSG",
        &["contoso-hub-gateway", "contoso-spoke-nsg"],
    );
}

#[test]
fn an_nsg_on_a_workload_subnet_is_fine() {
    quiet(TO, same, "ER-GATEWAY-SUBNET-NSG");
}

#[test]
fn a_default_route_on_gatewaysubnet_is_refused() {
    fires(
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
            );
            hub_gateway_subnet(d).route_table = Some(id("rt-1"))
        },
        "ER-GATEWAY-SUBNET-DEFAULT-ROUTE",
        &["contoso-hub-gateway", "rt-1-route-0"],
    );
}

#[test]
fn a_specific_route_on_gatewaysubnet_is_fine() {
    quiet(
        TO,
        |d| {
            route_table(
                d,
                &[(
                    "10.120.4.0/22",
                    NextHopType::VirtualAppliance,
                    Some("10.120.1.4"),
                )],
                true,
            );
            hub_gateway_subnet(d).route_table = Some(id("rt-1"))
        },
        "ER-GATEWAY-SUBNET-DEFAULT-ROUTE",
    );
}

#[test]
fn gatewaysubnet_without_propagation_is_refused() {
    fires(
        TO,
        |d| {
            route_table(d, &[], false);
            hub_gateway_subnet(d).route_table = Some(id("rt-1"))
        },
        "ER-GATEWAY-SUBNET-PROPAGATION",
        &["contoso-hub-gateway", "rt-1"],
    );
}

#[test]
fn gatewaysubnet_with_propagation_is_fine() {
    quiet(
        TO,
        |d| {
            route_table(d, &[], true);
            hub_gateway_subnet(d).route_table = Some(id("rt-1"))
        },
        "ER-GATEWAY-SUBNET-PROPAGATION",
    );
}

#[test]
fn an_expressroute_gateway_with_a_vpn_sku_is_refused() {
    fires(
        TO,
        |d| d.gateways[0].sku = GatewaySku::VpnGw1,
        "ER-GATEWAY-SKU-KIND",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn an_expressroute_gateway_with_an_expressroute_sku_is_fine() {
    quiet(TO, same, "ER-GATEWAY-SKU-KIND");
}

#[test]
fn ergwscale_without_scale_units_is_refused() {
    fires(
        TO,
        |d| d.gateways[0].sku = GatewaySku::ErGwScale,
        "ER-GATEWAY-SCALE-UNITS",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn ergwscale_with_two_units_is_fine() {
    quiet(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGwScale;
            d.gateways[0].scale_units = Some(2)
        },
        "ER-GATEWAY-SCALE-UNITS",
    );
}

#[test]
fn a_circuit_connected_to_a_vpn_gateway_is_refused() {
    fires(
        TO,
        |d| {
            d.gateways[0].kind = GatewayKind::Vpn;
            d.gateways[0].sku = GatewaySku::VpnGw1
        },
        "ER-CONNECTION-GATEWAY",
        &["contoso-hub-ergw-to-er-contoso-ams"],
    );
}

#[test]
fn a_tunnel_on_an_expressroute_gateway_is_refused() {
    fires(
        TO,
        |d| {
            ipsec(d, GatewaySku::VpnGw1AZ, true);
            d.vpn_connections[0].gateway = id("contoso-hub-ergw")
        },
        "ER-CONNECTION-GATEWAY",
        &["ipsec-1"],
    );
}

#[test]
fn a_circuit_connected_to_an_expressroute_gateway_is_fine() {
    quiet(TO, same, "ER-CONNECTION-GATEWAY");
}

#[test]
fn five_circuits_exceed_an_ergw1az() {
    fires(
        TO,
        |d| more_circuits(d, &["London", "Dublin", "Paris", "Frankfurt"]),
        "ER-GATEWAY-CIRCUITS",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn five_circuits_fit_an_ergw2az() {
    quiet(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGw2Az;
            more_circuits(d, &["London", "Dublin", "Paris", "Frankfurt"])
        },
        "ER-GATEWAY-CIRCUITS",
    );
}

#[test]
fn five_circuits_from_one_location_exceed_a_vnet() {
    fires(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGw2Az;
            more_circuits(d, &["Amsterdam"; 4])
        },
        "ER-GATEWAY-CIRCUITS-PER-LOCATION",
        &["contoso-hub-ergw"],
    );
}

#[test]
fn four_circuits_from_one_location_fit_a_vnet() {
    quiet(
        TO,
        |d| {
            d.gateways[0].sku = GatewaySku::ErGw2Az;
            more_circuits(d, &["Amsterdam"; 3])
        },
        "ER-GATEWAY-CIRCUITS-PER-LOCATION",
    );
}

#[test]
fn fastpath_on_an_ergw1az_is_refused() {
    fires(
        TO,
        |d| d.connections[0].fast_path = true,
        "ER-FASTPATH",
        &["contoso-hub-ergw-to-er-contoso-ams"],
    );
}

#[test]
fn fastpath_on_an_ergw3az_is_fine() {
    quiet(
        TO,
        |d| {
            d.connections[0].fast_path = true;
            d.gateways[0].sku = GatewaySku::ErGw3Az
        },
        "ER-FASTPATH",
    );
}

#[test]
fn fastpath_on_ergwscale_needs_ten_units() {
    fires(
        TO,
        |d| {
            d.connections[0].fast_path = true;
            d.gateways[0].sku = GatewaySku::ErGwScale;
            d.gateways[0].scale_units = Some(9)
        },
        "ER-FASTPATH",
        &["contoso-hub-ergw-to-er-contoso-ams"],
    );
}

#[test]
fn a_routing_weight_of_32001_is_refused() {
    fires(
        TO,
        |d| d.connections[0].routing_weight = 32_001,
        "ER-ROUTING-WEIGHT",
        &["contoso-hub-ergw-to-er-contoso-ams"],
    );
}

#[test]
fn a_routing_weight_of_32000_is_fine() {
    quiet(
        TO,
        |d| d.connections[0].routing_weight = 32_000,
        "ER-ROUTING-WEIGHT",
    );
}

fn hub_in_dev_subscription(d: &mut Design) {
    d.subscriptions.push(Subscription {
        id: id("contoso-dev"),
        name: "Contoso dev".into(),
        customer: id("contoso"),
        managed_by: ManagedBy::Csp,
    });
    d.vnets[0].subscription = id("contoso-dev");
}

#[test]
fn a_gateway_in_another_subscription_needs_an_authorization() {
    fires(
        TO,
        hub_in_dev_subscription,
        "ER-CONNECTION-AUTHORIZATION",
        &["contoso-hub-ergw-to-er-contoso-ams", "er-contoso-ams"],
    );
}

#[test]
fn a_gateway_in_another_subscription_with_an_authorization_is_fine() {
    quiet(
        TO,
        |d| {
            hub_in_dev_subscription(d);
            d.circuits[0].authorizations.push(Authorization {
                id: id("auth-dev"),
                name: "dev".into(),
                subscription: id("contoso-dev"),
            });
            d.connections[0].authorization = Some(id("auth-dev"))
        },
        "ER-CONNECTION-AUTHORIZATION",
    );
}

#[test]
fn an_authorization_redeemed_twice_is_refused() {
    fires(
        TO,
        |d| {
            extra_connections(d, 1);
            for c in &mut d.connections {
                c.authorization = Some(id("auth-1"))
            }
        },
        "ER-AUTHORIZATION-REUSED",
        &["auth-1"],
    );
}

#[test]
fn an_authorization_redeemed_once_is_fine() {
    quiet(
        TO,
        |d| d.connections[0].authorization = Some(id("auth-1")),
        "ER-AUTHORIZATION-REUSED",
    );
}

#[test]
fn a_basic_vpn_gateway_cannot_coexist_with_expressroute() {
    fires(
        TO,
        |d| vpn_gateway(d, GatewaySku::Basic, false),
        "ER-COEXIST",
        &["contoso-hub-vpngw"],
    );
}

#[test]
fn coexisting_gateways_need_a_27_gatewaysubnet() {
    fires(
        TO,
        |d| {
            vpn_gateway(d, GatewaySku::VpnGw1, false);
            hub_gateway_subnet(d).prefix = net("10.120.0.0/28")
        },
        "ER-COEXIST",
        &["contoso-hub-gateway"],
    );
}

#[test]
fn a_vpngw1_coexists_with_expressroute_on_a_27() {
    quiet(
        TO,
        |d| vpn_gateway(d, GatewaySku::VpnGw1, false),
        "ER-COEXIST",
    );
}

#[test]
fn ipsec_over_private_peering_on_vpngw1_is_refused() {
    fires(
        TO,
        |d| ipsec(d, GatewaySku::VpnGw1, true),
        "ER-IPSEC-SKU",
        &["ipsec-1"],
    );
}

#[test]
fn ipsec_over_private_peering_on_vpngw1az_is_fine() {
    quiet(TO, |d| ipsec(d, GatewaySku::VpnGw1AZ, true), "ER-IPSEC-SKU");
}

#[test]
fn ipsec_over_private_peering_beside_ergwscale_is_refused() {
    fires(
        TO,
        |d| {
            ipsec(d, GatewaySku::VpnGw1AZ, true);
            d.gateways[0].sku = GatewaySku::ErGwScale;
            d.gateways[0].scale_units = Some(2)
        },
        "ER-IPSEC-ERGWSCALE",
        &["ipsec-1", "contoso-hub-ergw"],
    );
}

#[test]
fn ipsec_over_private_peering_beside_ergw1az_is_fine() {
    quiet(
        TO,
        |d| ipsec(d, GatewaySku::VpnGw1AZ, true),
        "ER-IPSEC-ERGWSCALE",
    );
}

#[test]
fn ipsec_over_private_peering_needs_gateway_private_ips() {
    fires(
        TO,
        |d| ipsec(d, GatewaySku::VpnGw1AZ, false),
        "ER-IPSEC-PREREQUISITES",
        &["ipsec-1"],
    );
}

#[test]
fn ipsec_over_private_peering_needs_a_linked_expressroute_gateway() {
    fires(
        TO,
        |d| {
            ipsec(d, GatewaySku::VpnGw1AZ, true);
            d.connections.clear()
        },
        "ER-IPSEC-PREREQUISITES",
        &["ipsec-1"],
    );
}

#[test]
fn ipsec_over_private_peering_with_its_prerequisites_is_fine() {
    quiet(
        TO,
        |d| ipsec(d, GatewaySku::VpnGw1AZ, true),
        "ER-IPSEC-PREREQUISITES",
    );
}

#[test]
fn tunnel_prefixes_equal_to_expressroute_ones_go_unencrypted() {
    fires(
        TO,
        |d| {
            ipsec(d, GatewaySku::VpnGw1AZ, true);
            d.vpn_connections[0].remote_prefixes = vec![net("10.20.0.0/16")];
        },
        "ER-IPSEC-PREFIXES",
        &["ipsec-1"],
    );
}

#[test]
fn tunnel_prefixes_more_specific_than_expressroute_ones_are_encrypted() {
    quiet(
        TO,
        |d| ipsec(d, GatewaySku::VpnGw1AZ, true),
        "ER-IPSEC-PREFIXES",
    );
}

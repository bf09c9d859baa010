//! Azure regions and ExpressRoute peering locations, with the geopolitical
//! region each belongs to (§2.6, §3.7).
//!
//! The lists hold the regions for which the facts give a regional BGP
//! community and the peering locations whose Local region the facts record.
//! The grouping into geopolitical regions follows Azure's connectivity
//! scope for Standard circuits; the facts sheet names the rule but not the
//! groups, so a region missing here is treated as unknown, never as a match.
//! A design may name a place that is not listed; validation then says it
//! cannot check it rather than guessing.

/// An Azure region as Routecraft knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The ARM name, such as `westeurope`.
    pub name: &'static str,
    /// The name people read, such as `West Europe`.
    pub display: &'static str,
    /// The geopolitical region, for Standard circuits' reach (§1.2, §3.1).
    pub geography: &'static str,
    /// The regional community number NN: private peering routes carry
    /// `12076:500NN`, Microsoft peering `12076:510NN` (§2.6).
    pub community_nn: Option<u8>,
}

const fn r(name: &'static str, display: &'static str, geography: &'static str, nn: u8) -> Region {
    Region {
        name,
        display,
        geography,
        community_nn: Some(nn),
    }
}

/// Regions with their geography and regional community (§2.6).
pub const REGIONS: [Region; 40] = [
    r("westeurope", "West Europe", "Europe", 2),
    r("northeurope", "North Europe", "Europe", 3),
    r("eastus", "East US", "North America", 4),
    r("eastus2", "East US 2", "North America", 5),
    r("westus", "West US", "North America", 6),
    r("northcentralus", "North Central US", "North America", 7),
    r("southcentralus", "South Central US", "North America", 8),
    r("centralus", "Central US", "North America", 9),
    r("eastasia", "East Asia", "Asia", 10),
    r("southeastasia", "Southeast Asia", "Asia", 11),
    r("japaneast", "Japan East", "Japan", 12),
    r("japanwest", "Japan West", "Japan", 13),
    r("brazilsouth", "Brazil South", "South America", 14),
    r("australiaeast", "Australia East", "Australia", 15),
    r("australiasoutheast", "Australia Southeast", "Australia", 16),
    r("centralindia", "Central India", "India", 17),
    r("westindia", "West India", "India", 18),
    r("southindia", "South India", "India", 19),
    r("canadacentral", "Canada Central", "North America", 20),
    r("canadaeast", "Canada East", "North America", 21),
    r("uksouth", "UK South", "Europe", 24),
    r("ukwest", "UK West", "Europe", 25),
    r("westus2", "West US 2", "North America", 26),
    r("westcentralus", "West Central US", "North America", 27),
    r("koreasouth", "Korea South", "Korea", 28),
    r("koreacentral", "Korea Central", "Korea", 29),
    r("francecentral", "France Central", "Europe", 30),
    r("francesouth", "France South", "Europe", 31),
    r("australiacentral", "Australia Central", "Australia", 32),
    r("australiacentral2", "Australia Central 2", "Australia", 33),
    r("southafricanorth", "South Africa North", "Africa", 34),
    r("southafricawest", "South Africa West", "Africa", 35),
    r("uaenorth", "UAE North", "Middle East", 36),
    r("uaecentral", "UAE Central", "Middle East", 37),
    r("switzerlandnorth", "Switzerland North", "Europe", 38),
    r("switzerlandwest", "Switzerland West", "Europe", 39),
    r("germanynorth", "Germany North", "Europe", 40),
    r("germanywestcentral", "Germany West Central", "Europe", 41),
    r("norwayeast", "Norway East", "Europe", 42),
    r("norwaywest", "Norway West", "Europe", 43),
];

/// Looks up a region by its ARM name, ignoring case.
pub fn region(name: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.name.eq_ignore_ascii_case(name))
}

/// An ExpressRoute peering location (§1.4, §3.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeeringLocation {
    /// The location's name as Azure lists it, such as `Amsterdam2`.
    pub name: &'static str,
    /// The metro the location sits in; two locations of one metro are
    /// still different locations (§1.4, §3.6).
    pub metro: &'static str,
    /// The geopolitical region.
    pub geography: &'static str,
    /// The region an ExpressRoute Local circuit reaches here, if Local is
    /// offered (§3.7).
    pub local_region: Option<&'static str>,
}

const fn p(
    name: &'static str,
    metro: &'static str,
    geography: &'static str,
    local_region: Option<&'static str>,
) -> PeeringLocation {
    PeeringLocation {
        name,
        metro,
        geography,
        local_region,
    }
}

/// Peering locations with their Local region where the facts give it (§3.7).
pub const PEERING_LOCATIONS: [PeeringLocation; 22] = [
    p("Amsterdam", "Amsterdam", "Europe", Some("westeurope")),
    p("Amsterdam2", "Amsterdam", "Europe", Some("westeurope")),
    p("London", "London", "Europe", Some("uksouth")),
    p("London2", "London", "Europe", Some("uksouth")),
    p("Dublin", "Dublin", "Europe", Some("northeurope")),
    p(
        "Frankfurt",
        "Frankfurt",
        "Europe",
        Some("germanywestcentral"),
    ),
    p("Paris", "Paris", "Europe", Some("francecentral")),
    p("Copenhagen", "Copenhagen", "Europe", None),
    p(
        "Silicon Valley",
        "Silicon Valley",
        "North America",
        Some("westus"),
    ),
    p(
        "Silicon Valley2",
        "Silicon Valley",
        "North America",
        Some("westus"),
    ),
    p(
        "Chicago",
        "Chicago",
        "North America",
        Some("northcentralus"),
    ),
    p(
        "Chicago2",
        "Chicago",
        "North America",
        Some("northcentralus"),
    ),
    p("Dallas", "Dallas", "North America", None),
    p("New York", "New York", "North America", None),
    p("Los Angeles", "Los Angeles", "North America", None),
    p("Miami", "Miami", "North America", None),
    p("Toronto", "Toronto", "North America", Some("canadacentral")),
    p("Singapore", "Singapore", "Asia", Some("southeastasia")),
    p("Singapore2", "Singapore", "Asia", Some("southeastasia")),
    p("Hong Kong", "Hong Kong", "Asia", Some("eastasia")),
    p("Tokyo", "Tokyo", "Japan", Some("japaneast")),
    p("Sydney", "Sydney", "Australia", Some("australiaeast")),
];

/// Looks up a peering location by name, ignoring case.
pub fn peering_location(name: &str) -> Option<&'static PeeringLocation> {
    PEERING_LOCATIONS
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

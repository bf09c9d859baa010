//! The generated designs: the same seed gives the same design, the design
//! survives a save and a load, and the largest one has the sizes of
//! Azure's limits.

use routecraft_core::generate::{largest_realistic, sized, Sizes};
use routecraft_core::model::{load, save, Design};
use routecraft_core::routing::{resolve, Failures};

fn subnets(design: &Design) -> usize {
    design.vnets.iter().map(|v| v.subnets.len()).sum()
}

fn vnet_prefixes(design: &Design) -> usize {
    design.vnets.iter().map(|v| v.address_space.len()).sum()
}

fn onprem_prefixes(design: &Design) -> usize {
    design.sites.iter().map(|s| s.advertised.len()).sum()
}

#[test]
fn the_same_seed_gives_the_same_design() {
    assert_eq!(largest_realistic(42), largest_realistic(42));
    assert_eq!(sized(&Sizes::small(), 3), sized(&Sizes::small(), 3));
}

#[test]
fn another_seed_changes_the_details_but_not_the_sizes() {
    let (a, b) = (largest_realistic(1), largest_realistic(2));
    assert_ne!(a, b);
    assert_eq!(subnets(&a), subnets(&b));
    assert_eq!(onprem_prefixes(&a), onprem_prefixes(&b));
}

#[test]
fn the_largest_design_has_the_sizes_of_azures_limits() {
    let design = largest_realistic(42);
    assert_eq!(design.vnets.len(), 100);
    assert_eq!(vnet_prefixes(&design), 1_000);
    assert_eq!(subnets(&design), 3_000);
    assert_eq!(onprem_prefixes(&design), 10_000);
    assert_eq!(design.circuits.len(), 4);
}

#[test]
fn the_largest_design_loads_after_a_save() {
    let design = largest_realistic(42);
    assert!(design.integrity_problems().is_empty());
    assert_eq!(load(&save(&design)), Ok(design));
}

#[test]
fn a_small_design_loads_after_a_save() {
    let design = sized(&Sizes::small(), 9);
    assert!(design.integrity_problems().is_empty());
    assert_eq!(load(&save(&design)), Ok(design));
}

#[test]
fn every_session_of_the_largest_design_is_up_and_spokes_learn_every_prefix() {
    let design = largest_realistic(42);
    let resolution = resolve(&design, &Failures::none());
    assert!(resolution.sessions().iter().all(|s| s.up));
    let table = resolution
        .effective_routes("vnet-spoke-002-snet-03")
        .expect("the generated subnet exists");
    assert!(table.len() > 10_000, "{} routes", table.len());
}

#[test]
fn sizes_beyond_the_address_plan_are_cut_down_not_refused() {
    let huge = Sizes {
        vnets: 10_000,
        hubs: 100,
        prefixes_per_vnet: 100,
        subnets_per_vnet: 1_000,
        circuits: 1_000,
        onprem_prefixes: 1_000,
    };
    let design = sized(&huge, 5);
    assert!(design.integrity_problems().is_empty());
    assert!(design.vnets.len() <= 4_096);
}

#[test]
fn every_subnets_shared_table_lists_its_rows_longest_prefix_first() {
    let design = sized(&Sizes::small(), 11);
    let resolution = resolve(&design, &Failures::none());
    for subnet in design.vnets.iter().flat_map(|v| &v.subnets) {
        let id = subnet.id.as_str();
        let table = resolution.effective_table(id).expect("the subnet exists");
        let lens: Vec<u8> = table.iter().map(|r| r.prefix.prefix_len()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{id}");
        assert_eq!(table.len(), lens.len());
    }
}

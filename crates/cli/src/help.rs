//! What `--help` prints, for the whole program and for each command.

/// The overview.
pub const OVERVIEW: &str = "\
routecraft: design hybrid networks joining datacenters to Azure over ExpressRoute

Usage:
  routecraft new connect-through|connect-to
  routecraft validate FILE [--format json]
  routecraft rules [--format json|markdown]
  routecraft export FILE --out DIR [--only bicep,arm,terraform,runbook,report,svg,bundle]
  routecraft routes FILE --subnet VNET/SUBNET [--format json]
  routecraft routes FILE --router ID [--vrf CUSTOMER] [--format json]
  routecraft trace FILE --from IP --to IP [--at PLACE] [--protocol P] [--port N]
                   [--down ELEMENT ...] [--format json]
  routecraft whatif FILE --down ELEMENT ... [--format json]
  routecraft whatif FILE --single [--format json]

`routecraft COMMAND --help` says more about one command.

Exit codes: 0 success; 1 the design has errors, a trace does not arrive or a
file could not be written; 2 a usage error, an unknown element, or a design
file that cannot be read or loaded.
";

/// The units `--down` takes, shared by `trace` and `whatif`.
const DOWN: &str = "\
ELEMENT, for --down, is one unit that can fail:
  an id of a circuit, gateway, router, site link or VPN connection;
  CIRCUIT/primary or CIRCUIT/secondary for one connection of a circuit;
  location:NAME for every circuit at a peering location, such as location:Amsterdam.
";

/// One command's help, by the name written on the command line.
pub fn of(command: &str) -> String {
    match command {
        "new" => "\
routecraft new connect-through|connect-to

Print a template design file, to save and edit:
  routecraft new connect-to > design.json
"
        .to_owned(),
        "validate" => "\
routecraft validate FILE [--format json]

Print the design's findings, errors first, each with its rule, the elements
it concerns, what is wrong, the fix and the section of the Azure facts.
--format json prints an array of findings with rule, severity, elements,
message, fix and facts.

Exit 0 with no error finding, 1 with one or more, 2 if FILE cannot be read.
"
        .to_owned(),
        "rules" => "\
routecraft rules [--format json|markdown]

Print the catalogue of validation rules, generated from the code: each rule's
id, severity, what it checks and the section of the Azure facts it rests on.
--format markdown prints the catalogue page; json an array of rules.
"
        .to_owned(),
        "export" => "\
routecraft export FILE --out DIR [--only bicep,arm,terraform,runbook,report,svg,bundle]

Write the exports into DIR, every format unless --only names some. Each file
is written to a temporary file and renamed, so a failed write leaves the old
file or none, never half of one. Prints each path written.
"
        .to_owned(),
        "routes" => "\
routecraft routes FILE --subnet SUBNET [--format json]
routecraft routes FILE --router ID [--vrf CUSTOMER] [--format json]

Print a subnet's effective routes as the Azure portal shows them: source,
state, address prefix, next hop type and next hop IP, longest prefix first.
SUBNET is a subnet's id or VNET/SUBNET by names, such as contoso-spoke/workload.

With --router, print the routes an on-premises router ends up with: in the
routing domain (VRF) of CUSTOMER, or in every domain it holds.
"
        .to_owned(),
        "trace" => format!(
            "\
routecraft trace FILE --from IP --to IP [--at PLACE] [--protocol tcp|udp|icmp]
                 [--port N] [--down ELEMENT ...] [--format json]

Follow a packet hop by hop: at each hop the route chosen and why, the network
security group verdicts and any address translation, then how the path ends.
Every equal-cost path is shown. The packet is TCP to port 443 unless given.
PLACE is the subnet (id or VNET/SUBNET) or site where the source stands, for
when address plans overlap; otherwise the one holding the source is used.

{DOWN}
Exit 0 when every path arrives, 1 when one does not, 2 on a usage error.
"
        ),
        "whatif" => format!(
            "\
routecraft whatif FILE --down ELEMENT ... [--format json]
routecraft whatif FILE --single [--format json]

With --down, take the elements down and say what changed: routes of subnets
and routers that moved, vanished or appeared, and checks between each subnet
and its customer's sites that now fail or take another path.

With --single, take each unit down on its own and say whether every check
that passes with nothing down still passes, and if not which ones break.

{DOWN}"
        ),
        _ => OVERVIEW.to_owned(),
    }
}

//! Network security group verdicts for a packet leaving or entering a subnet.

//! The fleet's hosts, pure: from `[[hosts]]` or an Ansible inventory, INI
//! (groups, `:children`, `:vars`, numeric ranges such as `web[1:3]`) or
//! YAML (`hosts`, `vars`, `children` to any depth), reading `ansible_host`,
//! `ansible_port`, `ansible_user`; and `--hosts` picking some of them
//! (`all`, names, groups). Anything else in an inventory is a note, never
//! an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// One gateway host as the fleet reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    pub name: String,
    /// What ssh connects to: an address or an ssh_config alias.
    pub address: String,
    pub port: Option<u16>,
    pub user: Option<String>,
    pub groups: Vec<String>,
    /// The host's own gatewayctl.toml (where it is on that host).
    pub config: Option<PathBuf>,
    /// Its app dir, when it overrides its config's.
    pub app_dir: Option<PathBuf>,
    /// Where it answers HTTP directly (not through the load balancer), when it overrides its config's.
    #[serde(default)]
    pub base_url: Option<String>,
}

impl Host {
    pub fn new(name: &str) -> Host {
        Host {
            name: name.into(),
            address: name.into(),
            port: None,
            user: None,
            groups: vec![],
            config: None,
            app_dir: None,
            base_url: None,
        }
    }
}

/// The vars an inventory may set on a host or a group.
fn apply(host: &mut Host, key: &str, value: &str, notes: &mut BTreeSet<String>) -> Result<(), String> {
    match key {
        "ansible_host" | "ansible_ssh_host" => host.address = value.into(),
        "ansible_port" | "ansible_ssh_port" => {
            host.port = Some(value.parse().map_err(|_| format!("{}: ansible_port {value:?} is not a port", host.name))?)
        }
        "ansible_user" | "ansible_ssh_user" => host.user = Some(value.into()),
        "gatewayctl_config" => host.config = Some(value.into()),
        "gatewayctl_app_dir" => host.app_dir = Some(value.into()),
        "gatewayctl_base_url" => host.base_url = Some(value.into()),
        other => {
            notes.insert(format!("{other} is ignored (gatewayctl reads ansible_host, ansible_port, ansible_user)"));
        }
    }
    Ok(())
}

/// `key=value` pairs, values optionally quoted.
fn pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else { break };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => match after.find(char::is_whitespace) {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            },
        };
        out.push((key.trim().to_string(), value.to_string()));
        rest = next.trim_start();
    }
    out
}

/// `web[01:03]` → web01, web02, web03 (numeric ranges keep their width).
fn expand(pattern: &str) -> Result<Vec<String>, String> {
    let (Some(open), Some(close)) = (pattern.find('['), pattern.find(']')) else { return Ok(vec![pattern.into()]) };
    let (head, range, tail) = (&pattern[..open], &pattern[open + 1..close], &pattern[close + 1..]);
    let (from, to) = range.split_once(':').ok_or_else(|| format!("{pattern}: a range is [FROM:TO]"))?;
    let (a, b): (u32, u32) = match (from.parse(), to.parse()) {
        (Ok(a), Ok(b)) if a <= b && b - a < 10_000 => (a, b),
        _ => return Err(format!("{pattern}: only numeric ranges are read")),
    };
    let width = from.len();
    Ok((a..=b).map(|n| format!("{head}{n:0width$}{tail}")).collect())
}

/// Reads an Ansible INI inventory: the hosts in file order, and notes on
/// what was ignored.
pub fn from_ansible_ini(text: &str) -> Result<(Vec<Host>, Vec<String>), String> {
    let mut hosts: Vec<Host> = Vec::new();
    let mut notes = BTreeSet::new();
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut group_vars: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    enum Section {
        Hosts(String),
        Vars(String),
        Children(String),
    }
    let mut section = Section::Hosts("ungrouped".into());
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name.split_once(':') {
                None => Section::Hosts(name.into()),
                Some((g, "vars")) => Section::Vars(g.into()),
                Some((g, "children")) => Section::Children(g.into()),
                Some((_, kind)) => {
                    notes.insert(format!("line {}: [{name}]: {kind} sections are ignored", n + 1));
                    Section::Vars(String::new())
                }
            };
            continue;
        }
        match &section {
            Section::Hosts(group) => {
                let (pattern, vars) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                for name in expand(pattern).map_err(|e| format!("line {}: {e}", n + 1))? {
                    let at = match hosts.iter().position(|h| h.name == name) {
                        Some(at) => at,
                        None => {
                            hosts.push(Host::new(&name));
                            hosts.len() - 1
                        }
                    };
                    let host = &mut hosts[at];
                    if group != "ungrouped" && !host.groups.contains(group) {
                        host.groups.push(group.clone());
                    }
                    for (k, v) in pairs(vars) {
                        apply(host, &k, &v, &mut notes).map_err(|e| format!("line {}: {e}", n + 1))?;
                    }
                }
            }
            Section::Vars(group) if !group.is_empty() => {
                group_vars.entry(group.clone()).or_default().extend(pairs(line));
            }
            Section::Vars(_) => {}
            Section::Children(group) => children.entry(group.clone()).or_default().push(line.to_string()),
        }
    }
    // A parent group holds its children's hosts (to any depth).
    let mut changed = true;
    while changed {
        changed = false;
        for (parent, kids) in &children {
            for host in hosts.iter_mut() {
                if !host.groups.contains(parent) && kids.iter().any(|k| host.groups.contains(k)) {
                    host.groups.push(parent.clone());
                    changed = true;
                }
            }
        }
    }
    // Group vars, where the host does not set its own (host vars win, as in Ansible).
    for host in hosts.iter_mut() {
        let explicit = host.clone();
        for group in explicit.groups.iter().chain(std::iter::once(&"all".to_string())) {
            for (k, v) in group_vars.get(group).into_iter().flatten() {
                let own = match k.as_str() {
                    "ansible_host" | "ansible_ssh_host" => explicit.address != explicit.name,
                    "ansible_port" | "ansible_ssh_port" => explicit.port.is_some(),
                    "ansible_user" | "ansible_ssh_user" => explicit.user.is_some(),
                    _ => false,
                };
                if !own {
                    apply(host, k, v, &mut notes)?;
                }
            }
        }
    }
    Ok((hosts, notes.into_iter().collect()))
}

/// An Ansible inventory in either format: YAML when its first line that is
/// not a comment is a `key:` (or `---`), INI otherwise.
pub fn from_ansible(text: &str) -> Result<(Vec<Host>, Vec<String>), String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'));
    match first {
        // `key:` or `key: value` (an INI `host:port` has no space after its colon).
        Some(l)
            if l == "---"
                || l.split_once(':').is_some_and(|(k, rest)| {
                    !k.is_empty()
                        && !k.contains(char::is_whitespace)
                        && !k.starts_with('[')
                        && (rest.is_empty() || rest.starts_with(' '))
                }) =>
        {
            from_ansible_yaml(text)
        }
        _ => from_ansible_ini(text),
    }
}

/// A YAML scalar as the text Ansible would use.
fn scalar(y: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads an Ansible YAML inventory: groups with `hosts`, `vars` and
/// `children`; group vars apply outer group first, a host's own last (as
/// Ansible ranks them).
pub fn from_ansible_yaml(text: &str) -> Result<(Vec<Host>, Vec<String>), String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    let Some(root) = docs.first() else { return Ok((vec![], vec![])) };
    let Yaml::Hash(top) = root else { return Err("the inventory's top level is not a mapping of groups".into()) };
    struct Seen {
        host: Host,
        /// (depth, key, value): group vars, applied outermost first.
        group_vars: Vec<(usize, String, String)>,
        own: Vec<(String, String)>,
    }
    let mut seen: Vec<Seen> = Vec::new();
    let mut notes = BTreeSet::new();
    fn vars_of(node: &Yaml, notes: &mut BTreeSet<String>) -> Vec<(String, String)> {
        let Yaml::Hash(h) = &node["vars"] else { return vec![] };
        h.iter()
            .filter_map(|(k, v)| {
                let key = scalar(k)?;
                match scalar(v) {
                    Some(value) => Some((key, value)),
                    None => {
                        notes.insert(format!("{key} is not a plain value and is ignored"));
                        None
                    }
                }
            })
            .collect()
    }
    fn walk(
        name: &str,
        node: &Yaml,
        path: &mut Vec<String>,
        inherited: &[(usize, String, String)],
        seen: &mut Vec<Seen>,
        notes: &mut BTreeSet<String>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 32 {
            return Err(format!("group {name}: children nest deeper than 32 (a loop?)"));
        }
        let mut vars = inherited.to_vec();
        vars.extend(vars_of(node, notes).into_iter().map(|(k, v)| (depth, k, v)));
        if name != "all" {
            path.push(name.to_string());
        }
        if let Yaml::Hash(hosts) = &node["hosts"] {
            for (h, host_vars) in hosts {
                let host_name = scalar(h).ok_or_else(|| format!("group {name}: a host name that is not text"))?;
                let at = match seen.iter().position(|s| s.host.name == host_name) {
                    Some(at) => at,
                    None => {
                        seen.push(Seen { host: Host::new(&host_name), group_vars: vec![], own: vec![] });
                        seen.len() - 1
                    }
                };
                let s = &mut seen[at];
                for g in path.iter() {
                    if !s.host.groups.contains(g) {
                        s.host.groups.push(g.clone());
                    }
                }
                s.group_vars.extend(vars.iter().cloned());
                if let Yaml::Hash(own) = host_vars {
                    for (k, v) in own {
                        if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                            s.own.push((k, v));
                        }
                    }
                }
            }
        }
        if let Yaml::Hash(children) = &node["children"] {
            for (child, child_node) in children {
                let child =
                    scalar(child).ok_or_else(|| format!("group {name}: a child group name that is not text"))?;
                walk(&child, child_node, path, &vars, seen, notes, depth + 1)?;
            }
        }
        if name != "all" {
            path.pop();
        }
        if let Yaml::Hash(h) = node {
            for k in h.keys().filter_map(scalar).filter(|k| !["hosts", "vars", "children"].contains(&k.as_str())) {
                notes.insert(format!("group {name}: {k} is ignored"));
            }
        }
        Ok(())
    }
    for (group, node) in top {
        let group = scalar(group).ok_or("a group name that is not text")?;
        walk(&group, node, &mut Vec::new(), &[], &mut seen, &mut notes, 0)?;
    }
    let mut hosts = Vec::new();
    for mut s in seen {
        s.group_vars.sort_by_key(|v| v.0);
        for (_, k, v) in &s.group_vars {
            apply(&mut s.host, k, v, &mut notes)?;
        }
        for (k, v) in &s.own {
            apply(&mut s.host, k, v, &mut notes)?;
        }
        hosts.push(s.host);
    }
    Ok((hosts, notes.into_iter().collect()))
}

/// A host ssh can be pointed at safely: an address or user that starts
/// with `-` would be read by ssh as an option (`-oProxyCommand=…`), and
/// whitespace or control characters have no place in either.
pub fn check(host: &Host) -> Result<(), String> {
    let bad = |what: &str, v: &str| -> Option<String> {
        let wrong = v.is_empty() || v.starts_with('-') || v.chars().any(|c| c.is_whitespace() || c.is_control());
        wrong.then(|| format!("host {}: {what} {v:?} is refused (empty, starting with '-', or with spaces)", host.name))
    };
    if let Some(e) = bad("address", &host.address) {
        return Err(e);
    }
    if let Some(e) = host.user.as_deref().and_then(|u| bad("user", u)) {
        return Err(e);
    }
    Ok(())
}

/// The hosts `spec` names: `all`, or a comma list of host and group names.
/// A name that is neither is an error naming what exists.
pub fn select(hosts: &[Host], spec: &str) -> Result<Vec<Host>, String> {
    if hosts.is_empty() {
        return Err("no host is configured: add [[hosts]] to gatewayctl.toml or pass --inventory".into());
    }
    let mut picked: Vec<Host> = Vec::new();
    for want in spec.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let matched: Vec<&Host> = match want {
            "all" => hosts.iter().collect(),
            w => hosts.iter().filter(|h| h.name == w || h.groups.iter().any(|g| g == w)).collect(),
        };
        if matched.is_empty() {
            let groups: BTreeSet<&str> = hosts.iter().flat_map(|h| h.groups.iter().map(String::as_str)).collect();
            return Err(format!(
                "--hosts {want}: no such host or group (hosts: {}; groups: {})",
                hosts.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", "),
                if groups.is_empty() { "none".into() } else { groups.into_iter().collect::<Vec<_>>().join(", ") }
            ));
        }
        for h in matched {
            if !picked.iter().any(|p| p.name == h.name) {
                picked.push(h.clone());
            }
        }
    }
    if picked.is_empty() {
        return Err("--hosts is empty: name hosts, groups, or all".into());
    }
    for h in &picked {
        check(h)?;
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INI: &str = "\
# the gateway fleet
bastion.example ansible_user=ops

[gateways]
gw[1:2] ansible_host=127.0.0.2 ansible_port=2222
gw3 ansible_host=\"127.0.0.4\" foo=bar

[gateways:vars]
ansible_user=deploy
ansible_port=22
ansible_python_interpreter=/usr/bin/python3

[eu:children]
gateways
";

    #[test]
    fn reads_an_ansible_ini_inventory() {
        let (hosts, notes) = from_ansible_ini(INI).unwrap();
        let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["bastion.example", "gw1", "gw2", "gw3"]);
        let gw1 = &hosts[1];
        assert_eq!((gw1.address.as_str(), gw1.port, gw1.user.as_deref()), ("127.0.0.2", Some(2222), Some("deploy")));
        assert_eq!(gw1.groups, ["gateways", "eu"]);
        let gw3 = &hosts[3];
        assert_eq!((gw3.address.as_str(), gw3.port), ("127.0.0.4", Some(22)), "group vars fill what the host left");
        assert_eq!(hosts[0].user.as_deref(), Some("ops"));
        assert!(notes.iter().any(|n| n.starts_with("foo is ignored")), "{notes:?}");
        assert!(notes.iter().any(|n| n.starts_with("ansible_python_interpreter is ignored")), "{notes:?}");
    }

    #[test]
    fn selects_by_name_group_and_all_and_names_what_exists() {
        let (hosts, _) = from_ansible_ini(INI).unwrap();
        let names = |spec: &str| -> Vec<String> { select(&hosts, spec).unwrap().into_iter().map(|h| h.name).collect() };
        assert_eq!(names("all").len(), 4);
        assert_eq!(names("eu"), ["gw1", "gw2", "gw3"]);
        assert_eq!(names("gw3,gw1,gw3"), ["gw3", "gw1"]);
        let e = select(&hosts, "gw9").unwrap_err();
        assert!(e.contains("gw9") && e.contains("gw1") && e.contains("gateways"), "{e}");
        assert!(select(&[], "all").unwrap_err().contains("[[hosts]]"));
    }

    const YAML: &str = "\
all:
  vars:
    ansible_user: ops
  hosts:
    bastion.example:
  children:
    gateways:
      vars:
        ansible_user: deploy
        ansible_port: 22
        ansible_python_interpreter: /usr/bin/python3
      hosts:
        gw1: {ansible_host: 127.0.0.2, ansible_port: 2222}
        gw2:
          ansible_host: 127.0.0.3
      children:
        eu:
          hosts:
            gw3: {ansible_host: 127.0.0.4, gatewayctl_config: /etc/gatewayctl/eu.toml}
";

    #[test]
    fn reads_an_ansible_yaml_inventory_with_ansibles_precedence() {
        let (hosts, notes) = from_ansible(YAML).unwrap();
        let names: Vec<&str> = hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["bastion.example", "gw1", "gw2", "gw3"]);
        assert_eq!(hosts[0].user.as_deref(), Some("ops"));
        let gw1 = &hosts[1];
        assert_eq!((gw1.address.as_str(), gw1.port, gw1.user.as_deref()), ("127.0.0.2", Some(2222), Some("deploy")));
        let gw3 = &hosts[3];
        assert_eq!(gw3.groups, ["gateways", "eu"]);
        assert_eq!(
            (gw3.port, gw3.user.as_deref()),
            (Some(22), Some("deploy")),
            "the inner group's vars win over all's"
        );
        assert_eq!(gw3.config.as_deref(), Some(std::path::Path::new("/etc/gatewayctl/eu.toml")));
        assert!(notes.iter().any(|n| n.starts_with("ansible_python_interpreter is ignored")), "{notes:?}");
        let names = |spec: &str| -> Vec<String> { select(&hosts, spec).unwrap().into_iter().map(|h| h.name).collect() };
        assert_eq!(names("gateways"), ["gw1", "gw2", "gw3"]);
        assert_eq!(names("eu"), ["gw3"]);
        // The same fleet in INI and YAML reads the same.
        assert_eq!(from_ansible(INI).unwrap().0.len(), 4);
        assert!(from_ansible("all: [1, 2\n").is_err());
    }

    #[test]
    fn an_address_ssh_would_read_as_an_option_is_refused() {
        let (hosts, _) = from_ansible_ini("[g]\nevil ansible_host=-oProxyCommand=touch/tmp/x\nok\n").unwrap();
        let e = select(&hosts, "all").unwrap_err();
        assert!(e.contains("evil") && e.contains("'-'"), "{e}");
        assert!(select(&hosts, "ok").is_ok());
        let (hosts, _) = from_ansible_ini("[g]\nh ansible_user=-lroot\n").unwrap();
        assert!(select(&hosts, "h").is_err());
    }

    #[test]
    fn bad_ports_and_ranges_are_errors_with_their_line() {
        assert!(from_ansible_ini("[g]\nh ansible_port=x\n").unwrap_err().starts_with("line 2"));
        assert!(from_ansible_ini("[g]\nweb[a:c]\n").unwrap_err().contains("numeric"));
        assert_eq!(expand("web[08:10].lan").unwrap(), ["web08.lan", "web09.lan", "web10.lan"]);
    }
}

//! What finishing an asynchronous operation does to the account, applied
//! lazily: before each request every key due by then finishes, in due order,
//! changing power, ports, blocks, boot devices, PXE configs, installs,
//! deployments, NAT and IPMI users, and recording the result it will report.

use super::callback::context;
use super::catalog::os;
use super::eq::{log_time, status_scope};
use super::jobs::{Channel, Finish, Outcome, Power, STAGE_MS};
use super::order;
use super::state::{Block, BootDevice, State};
use serde_json::Value;

impl State {
    /// Finishes every key due at or before `now_ms`.
    pub fn settle(&mut self, now_ms: u64) {
        while let Some((key, due_ms, finish)) = self.jobs.next_due(now_ms) {
            let outcome = self.finish(finish, due_ms);
            self.jobs.complete(&key, outcome);
        }
    }

    fn finish(&mut self, finish: Finish, at_ms: u64) -> Outcome {
        let at = at_ms / 1000;
        let gone = || Outcome::fail("no server with that ID was found");
        match finish {
            Finish::Fixed(outcome) => outcome,
            Finish::Deploy(order) => order::deliver(self, &order, at_ms),
            Finish::Power { server, power } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                s.power_on = power != Power::Off;
                let vm = s.is_vm();
                if s.power_on && s.boot == BootDevice::Pxe && s.pxe.is_some() {
                    self.start_pxe_install(server, at_ms);
                }
                match (power, vm) {
                    (Power::On, true) => Outcome::ok("VM is up now", ""),
                    (Power::On, false) => Outcome::ok("Post is on", "Chassis Power Control: Up/On"),
                    (Power::Off, true) => Outcome::ok("VM is down now", "debug"),
                    (Power::Off, false) => {
                        Outcome::ok("Chassis Power is off", "Chassis Power Control: Down/Off")
                    }
                    (Power::Reboot, true) => Outcome::ok("VM is rebooted", "debug"),
                    (Power::Reboot, false) => {
                        Outcome::ok("Server is rebooted", "Chassis Power Control: Reset")
                    }
                }
            }
            Finish::Status { server } => {
                let Some(s) = self.servers.get(&server) else {
                    return gone();
                };
                let (scope, debug) = status_scope(s);
                Outcome::ok(scope, debug)
            }
            Finish::Port { server, port, on } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                for interface in s.interfaces.iter_mut().filter(|i| i.name == port) {
                    interface.enabled = on;
                }
                if on {
                    Outcome::ok("Port is on", "Plugged")
                } else {
                    Outcome::ok("Port is off", "Unplugged")
                }
            }
            Finish::Block {
                server,
                ip,
                four_hours,
            } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                for addr in s.ips.iter_mut().filter(|a| a.addr.to_string() == ip) {
                    addr.block = Some(Block {
                        since: at,
                        until: four_hours.then_some(at + 4 * 3600),
                    });
                }
                Outcome::ok("blocked", Value::Null)
            }
            Finish::Unblock { server, ip } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                for addr in s.ips.iter_mut().filter(|a| a.addr.to_string() == ip) {
                    addr.block = None;
                }
                Outcome::ok("unblocked", Value::Null)
            }
            Finish::BootDev { server, media } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                s.boot = media;
                match (media, s.is_vm()) {
                    (BootDevice::Disk, true) => Outcome::ok("VM is boot for disk", Value::Null),
                    _ => Outcome::ok(format!("Set Boot Device to {}", media.name()), Value::Null),
                }
            }
            Finish::CreatePxe { server, config } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                s.pxe = Some(config);
                Outcome::ok("Configuration_successfully_created", Value::Null)
            }
            Finish::ClearPxe { server } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                s.pxe = None;
                Outcome::ok("Configuration_successfully_cleared", Value::Null)
            }
            Finish::Install {
                server,
                os_id,
                root_pass,
                hostname,
                ordered,
            } => {
                self.installed(server, os_id, &root_pass, hostname.as_deref());
                if ordered {
                    Outcome::ok("{\"result\":\"deploy_done\"}", "")
                } else {
                    Outcome::ok(" Deploy completed, Server is online", Value::Null)
                }
            }
            Finish::NatAdd { server, public } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                let inside = s.ipmi_text();
                s.nat = public.parse().ok();
                Outcome::ok(
                    public.clone(),
                    format!("/ip/firewall/nat/add=action=dst-nat=chain=dstnat=dst-address={public}=to-addresses={inside}=.proplist=chain"),
                )
            }
            Finish::NatRemove { server } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                let public = s.nat.take().map(|ip| ip.to_string()).unwrap_or_default();
                Outcome::ok(public, "/ip/firewall/nat/remove=.id=*42B=.proplist=chain")
            }
            Finish::IpmiUser { server, user } => {
                let Some(s) = self.servers.get_mut(&server) else {
                    return gone();
                };
                let stamp = log_time(at);
                let added = user.is_some();
                s.ipmi_user = user;
                if added {
                    let log = format!(
                        "{{\"result\":\"OK\",\"message\":\"User added\",\"debug\":\"\"}}\n{stamp} Set User Password command successful (user 4)\n\n{stamp} \n{stamp} Set User Access (channel 1 id 4) successful.\n\n{stamp} exit status 1\n"
                    );
                    Outcome::ok(log, Value::Null)
                } else {
                    Outcome::ok(format!("{stamp}  User removed"), Value::Null)
                }
            }
        }
    }

    /// A server booted into PXE with a config: the install starts, reported on
    /// the config's reinstall key (or an unlisted one when none was given).
    fn start_pxe_install(&mut self, server: u64, at_ms: u64) {
        let Some(s) = self.servers.get(&server) else {
            return;
        };
        let Some(config) = s.pxe.clone() else { return };
        if s.install
            .as_ref()
            .is_some_and(|k| self.jobs.get(k).is_some_and(|j| j.started() && !j.done()))
        {
            return;
        }
        let ctx = context(s, "reinstall");
        let key = match config
            .reinstall_key
            .filter(|k| self.jobs.get(k).is_some_and(|j| !j.started()))
        {
            Some(key) => key,
            None => {
                let key = self.key32();
                let pending = Finish::Fixed(Outcome::ok("", Value::Null));
                self.jobs.add(&key, Channel::Eq, ctx, pending, at_ms, None);
                key
            }
        };
        if let Some(job) = self.jobs.get_mut(&key) {
            job.finish = Finish::Install {
                server,
                os_id: Some(config.os_id),
                root_pass: config.root_pass,
                hostname: Some(config.hostname),
                ordered: false,
            };
        }
        self.jobs.start(&key, at_ms, 6 * STAGE_MS, true);
        if let Some(s) = self.servers.get_mut(&server) {
            s.install = Some(key);
        }
    }

    /// Applies a finished install to the server's tags.
    fn installed(
        &mut self,
        server: u64,
        os_id: Option<u64>,
        root_pass: &str,
        hostname: Option<&str>,
    ) {
        let os = os_id.and_then(os::find);
        let updates = [
            ("OS", Some(os.map_or("", |o| o.name).to_string())),
            (
                "user_name",
                Some(os.map_or("root", |o| o.user_name).to_string()),
            ),
            ("password", Some(root_pass.to_string())),
            ("hostname", hostname.map(str::to_string)),
            ("os_id", os.map(|o| o.id.to_string())),
        ];
        for (name, value) in updates {
            if let Some(value) = value {
                self.upsert_tag(server, name, value, name == "os_id");
            }
        }
        if let Some(s) = self.servers.get_mut(&server) {
            s.install = None;
            s.power_on = true;
        }
    }
}

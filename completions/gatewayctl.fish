# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gatewayctl_global_optspecs
    string join \n config= app-dir= base-url= format= color= v/verbose q/quiet short yes i/inventory= h/help V/version
end

function __fish_gatewayctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gatewayctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gatewayctl_using_subcommand
    set -l cmd (__fish_gatewayctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -s V -l version -d 'Print version'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "activate" -d 'Phases 1 to 4 from runbooks/activation.toml: journaled, locked, resumable'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "logs" -d 'Phase 5C: find unsanitized secrets in the logs, or probe with canaries'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "preflight" -d 'Phase 1: every pre-flight check at once; GO (exit 0) or NO-GO (exit 1)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "cache" -d 'Phase 2: Laravel\'s config, route and event caches (never cache:clear)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "reload" -d 'Phase 3: graceful php-fpm reload, config-tested first and proven graceful'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "verify" -d 'Phase 4: health, rate-limit headers against the model, limiter keys, breaker closed'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "rollback" -d 'Switch a feature off by a structural, proven, journaled edit; list; undo'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "integrate" -d 'Wire a fix the plan leaves for later (input validation): previewed on logged traffic, proven, journaled, observed'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "stress" -d 'Phase 5A: send requests and hold every answer against the model'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "watch" -d 'Phase 6: the Key Metrics, judged, alerted, and guarded by automatic rollback'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "model" -d 'Learn the running gateway\'s limiter by experiment, with one throwaway identity'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "simulate" -d 'Play requests or upstream failures through the gateway model, touching nothing'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "keys" -d 'Count or list Redis keys with SCAN (never KEYS), prefix applied'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "lab" -d 'A real local replica of the gateway to rehearse on: up, down, status, upstream'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "breaker" -d 'Inspect the circuit breakers kept in Redis'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "status" -d 'What stands now: features on or rolled back, owed work, the lock, breakers, last runs'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "history" -d 'The journal as a timeline: every run and step in words'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "fleet" -d 'Several gateway hosts over OpenSSH: each reachable, its gatewayctl and config'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "report" -d 'The post-activation review: before/after, rate-limit violations, breaker, checklist and Success Criteria'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "journal" -d 'Is the journal readable; set unreadable lines aside'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "plan" -d 'Review a hand-written activation plan against the gateway, before anyone runs it'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "init" -d 'Write a commented gatewayctl.toml with the plan\'s production values'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "config" -d 'Check, show or locate the config'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "manpages" -d 'Write the man pages (for packaging)'
complete -c gatewayctl -n "__fish_gatewayctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l runbook -d 'The runbook [default: the shipped runbooks/activation.toml]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l with -d 'Also run an optional step (enabled = false in the runbook), e.g. integrate.input-validation' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l dry-run -d 'Print every step and the exact commands it would run; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l resume -d 'Finish what an interrupted run left owed or undone'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l break-lock -d 'Take the lock from another operator\'s live run (recorded in the journal)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -f -a "scan" -d 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -f -a "probe" -d 'Send canary secrets to each sanitized endpoint and prove they were redacted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and not __fish_seen_subcommand_from scan probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l file -d 'Scan these files instead of the configured log and its rotations' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l max-findings -d 'Report at most this many findings (all are counted)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l dry-run -d 'Show the endpoints and the kinds of canary; send nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "scan" -d 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Send canary secrets to each sanitized endpoint and prove they were redacted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand logs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l probe -d 'Run `model probe` first (one throwaway identity\'s requests), so what only traffic shows is judged too; without it, a probe of the last 24 h is used'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l baseline -d 'Record the baseline `gatewayctl report` compares with even where this preflight did not reach Redis or the app (it is recorded anyway when both answered)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand preflight" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -f -a "status" -d 'Which cache files exist, their size, age and hash'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -f -a "clear" -d 'config:clear, route:clear, view:clear'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -f -a "rebuild" -d 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and not __fish_seen_subcommand_from status clear rebuild help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l dry-run -d 'Print the commands, run nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l application-cache -d 'Also clear the application cache (refused: it flushes the limiter and breaker state)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l dry-run -d 'Print the commands, run nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from rebuild" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which cache files exist, their size, age and hash'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'config:clear, route:clear, view:clear'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "rebuild" -d 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l dry-run -d 'Print the commands, send nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l force-restart -d 'Restart instead of reload (drops in-flight requests; systemd only)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand reload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l route -d 'The v2 request to send' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l api-key -d 'Send it as this API key [default: a fresh probe key, so the counter starts clean]' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "input-validation" -d 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan\'s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "rate-limit" -d 'Remove api.rate-limit from every middleware list in routes/api.php'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "circuit-breaker" -d 'Comment out the CircuitBreaker construction in CalcomService::__construct'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "log-sanitizer" -d 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "emergency" -d 'The plan\'s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "all" -d 'Every feature, in reverse order of activation'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "list" -d 'What is rolled back now, and what an interruption left half done (from the journal)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "undo" -d 'Restore the original bytes, only if the file still holds what the rollback wrote'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and not __fish_seen_subcommand_from input-validation rate-limit circuit-breaker log-sanitizer emergency all list undo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from input-validation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from rate-limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from circuit-breaker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from log-sanitizer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from emergency" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l resume -d 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l resume -d 'With --hosts: ask each host what stands there and undo wherever it is still rolled back'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "input-validation" -d 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan\'s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "rate-limit" -d 'Remove api.rate-limit from every middleware list in routes/api.php'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "circuit-breaker" -d 'Comment out the CircuitBreaker construction in CalcomService::__construct'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "log-sanitizer" -d 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "emergency" -d 'The plan\'s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "all" -d 'Every feature, in reverse order of activation'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "list" -d 'What is rolled back now, and what an interruption left half done (from the journal)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Restore the original bytes, only if the file still holds what the rollback wrote'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand rollback; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -f -a "input-validation" -d 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and not __fish_seen_subcommand_from input-validation help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l since -d 'The period of logged payloads to replay (7d, 24h); all of the log and its rotations with `all`' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l dry-run -d 'Show the diff and the route:list change; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l no-cache -d 'Do not clear the config and route caches (stage it by hand, as the plan does)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l no-reload -d 'Do not reload php-fpm (the change is not live until you do)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l impact -d 'Only the impact preview: replay the logged payloads through the FormRequest\'s rules (on a shadow, nothing sent)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from input-validation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from help" -f -a "input-validation" -d 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand integrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -f -a "rate-limit" -d 'Sequential (compared request by request), --burst N, or --rate R'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and not __fish_seen_subcommand_from rate-limit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l route -d 'The request, as METHOD /path (the default is the plan\'s first limited route)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l requests -d 'How many requests (sequential and burst modes)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l interval -d 'Time between requests (sequential mode)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l api-key -d 'Send as this API key (masked in every output) [default: a fresh probe key]' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l identity -d 'Who to send as, as simulate spells it: ip:ADDRESS (no key, the client address the gateway will see) or key:KEY (masked in every output)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l expect-limit -d 'The limit you expect; refused before sending when the model disagrees' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l burst -d 'Burst mode: this many concurrent requests in a fresh window' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l rate -d 'Rate mode: requests per second, paced open-loop' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l duration -d 'Rate and max mode: how long' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l connections -d 'Rate mode: at most this many requests in flight; max mode: this many loops' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l max -d 'Max mode: --connections loops back to back for --duration (throughput)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l allow-high-load -d 'Lift the production safety caps (requests, rate, duration)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l unlisted-path -d 'Rate and max mode: the path is not a Laravel route (a static file to measure the web server); skips the route:list check'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from rate-limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from help" -f -a "rate-limit" -d 'Sequential (compared request by request), --burst N, or --rate R'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand stress; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l duration -d 'How long to watch [default: watch.duration, the plan\'s 2h]' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l interval -d 'Time between samples [default: watch.interval]' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l metrics-listen -d 'Serve the figures in Prometheus text format on this loopback address' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l auto-rollback -d 'Roll a feature back when its metric holds at alert (watch.auto_rollback)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -f -a "probe" -d 'Send one throwaway identity\'s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer\'s form'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and not __fish_seen_subcommand_from probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l route -d 'The limited route to probe, "METHOD /path" (default: the configured shape\'s with the smallest limit)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l max-requests -d 'Refuse to start if the probe would need more requests than this' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l dry-run -d 'Show the requests it would send and the keys it would read; send nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l write -d 'Write what was learned into the config\'s [limiter] (atomic, the original kept, journaled); without it, the diff is shown'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Send one throwaway identity\'s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer\'s form'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand model; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -f -a "rate-limit" -d 'Requests through the rate limiter: which pass, which get 429, and Retry-After'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -f -a "breaker" -d 'Upstream answers through a circuit breaker: its states and the gateway\'s answers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and not __fish_seen_subcommand_from rate-limit breaker help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l route -d 'The request, as METHOD /path' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l requests -d 'How many requests' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l interval -d 'Time between requests (e.g. 500ms, 2s)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l identity -d 'Who sends them: ip:ADDRESS or key:API_KEY (the key is never printed)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l start-count -d 'The bucket\'s counter before the first request (as read from Redis)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l start-ttl -d 'That counter\'s remaining TTL in seconds [default: a fresh window]' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from rate-limit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l service -d 'The breaker, as named in the config\'s [breakers] tables' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l events -d 'Comma-separated: ok, fail (what the upstream answers) and wait:DURATION (wait:30 is seconds)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from breaker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "rate-limit" -d 'Requests through the rate limiter: which pass, which get 429, and Retry-After'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "breaker" -d 'Upstream answers through a circuit breaker: its states and the gateway\'s answers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand simulate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -f -a "count" -d 'Count the keys matching a pattern (e.g. \'rate_limit:*\'), read where the gateway keeps them'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -f -a "list" -d 'List the keys matching a pattern, unprefixed and sorted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and not __fish_seen_subcommand_from count list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l raw -d 'Read [redis]\'s database and prefix as configured, whatever the pattern names'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l limit -d 'At most this many keys' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l raw -d 'Read [redis]\'s database and prefix as configured, whatever the pattern names'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "count" -d 'Count the keys matching a pattern (e.g. \'rate_limit:*\'), read where the gateway keeps them'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys matching a pattern, unprefixed and sorted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "up" -d 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "down" -d 'Stop exactly the processes `lab up` started, and check their ports are closed'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "status" -d 'Show the lab\'s processes and whether they answer'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "upstream" -d 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "serve-upstream" -d 'Run the Cal.com stand-in (started by `lab up`)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and not __fish_seen_subcommand_from up down status upstream serve-upstream help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l dir -d 'The lab\'s directory' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l port-base -d 'Use ports P (nginx) to P+4 instead of free ones' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l upstream-timeout -d 'How long the gateway waits for Cal.com before counting a failure' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l calcom -d 'CalcomService\'s shape: guarded (checks the breaker for null) or unguarded (calls it directly, the usual shape)' -r -f -a "guarded\t''
unguarded\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l redis -d 'standalone; sentinel: a replica and three sentinels beside the primary, and gatewayctl\'s config finding the master through them (the app, Laravel 8 with phpredis, talks to the primary directly); cluster: three primaries, the app on phpredis\'s RedisCluster' -r -f -a "standalone\t''
sentinel\t''
cluster\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l hosts -d 'A fleet: N app hosts sharing one Redis and one Cal.com stand-in, behind a real sshd on a loopback port, with the operator\'s config and an Ansible inventory that reach them' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l gateway -d 'contract: our gateway (GATEWAY-CONTRACT.md); askproai: the production baseline the plan was written for, with its bugs (REAL-GATEWAY.md); laravel: an API limited by Laravel\'s own limiter alone (named limiters and a plain throttle)' -r -f -a "contract\t''
askproai\t''
laravel\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l install -d 'Install missing Debian packages with apt-get (root only)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l dry-run -d 'Say what would be built, start nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l as-deployed -d 'With --gateway askproai: the kernel Laravel 11 runs, without the app\'s aliases, so every v2 route answers 500'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l dir -d 'The lab\'s directory [default: the lab whose config file is given, else gatewayctl-lab]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l dir -d 'The lab\'s directory [default: the lab whose config file is given, else gatewayctl-lab]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l dir -d 'The lab\'s directory [default: the lab whose config file is given, else gatewayctl-lab]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from upstream" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l listen -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l control -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from serve-upstream" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop exactly the processes `lab up` started, and check their ports are closed'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the lab\'s processes and whether they answer'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "upstream" -d 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "serve-upstream" -d 'Run the Cal.com stand-in (started by `lab up`)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -f -a "status" -d 'State, counts, opened_at, time until half-open, and what moves it next'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -f -a "history" -d 'The breaker\'s transitions, read from laravel.log and its rotations'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -f -a "reset" -d 'Delete the breaker\'s keys (closed); asks first, journaled'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -f -a "trip-test" -d 'On a non-production target: make Cal.com fail and check every transition against the model'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and not __fish_seen_subcommand_from status history reset trip-test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l dry-run -d 'Show what would be deleted; change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from trip-test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from help" -f -a "status" -d 'State, counts, opened_at, time until half-open, and what moves it next'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from help" -f -a "history" -d 'The breaker\'s transitions, read from laravel.log and its rotations'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Delete the breaker\'s keys (closed); asks first, journaled'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from help" -f -a "trip-test" -d 'On a non-production target: make Cal.com fail and check every transition against the model'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand breaker; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l since -d 'Only events this recent (2h, 30m) or since this time (RFC 3339)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l run -d 'Only this run\'s events' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -f -a "check" -d 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -f -a "push" -d 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -f -a "whoami" -d 'What this host\'s gatewayctl is (run by `fleet check` on each host)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and not __fish_seen_subcommand_from check push whoami help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l hosts -d 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l dry-run -d 'Show which hosts would get it; copy nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "check" -d 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "push" -d 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "whoami" -d 'What this host\'s gatewayctl is (run by `fleet check` on each host)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand fleet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l since -d 'The period\'s start: the journal\'s last activation, an age (24h, 7d), or a date or time (2026-11-20, RFC 3339)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -s o -l output -d 'Write the report to FILE (atomically) instead of stdout' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -f -a "check" -d 'Read every line; name the ones that cannot be read (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -f -a "repair" -d 'Set unreadable lines aside in a file beside the journal, under the lock'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and not __fish_seen_subcommand_from check repair help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l break-lock -d 'Take the operator lock from another operator\'s live run (journaled)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from repair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "check" -d 'Read every line; name the ones that cannot be read (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "repair" -d 'Set unreadable lines aside in a file beside the journal, under the lock'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -f -a "review" -d 'Flag the plan\'s steps that would fail or harm production, each with the command that does it right'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and not __fish_seen_subcommand_from review help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "review" -d 'Flag the plan\'s steps that would fail or harm production, each with the command that does it right'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l path -d 'Where to write it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l force -d 'Replace an existing file (its bytes are kept beside it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l stdout -d 'Print the file instead of writing it'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l dry-run -d 'Say what would be written, change nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -f -a "check" -d 'Report unknown keys and bad values, with file and line (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -f -a "show" -d 'Print the effective config (Redis password masked)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -f -a "path" -d 'Print which config file is in use'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and not __fish_seen_subcommand_from check show path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Report unknown keys and bad values, with file and line (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective config (Redis password masked)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print which config file is in use'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l dir -d 'Write the pages into this directory (created if missing)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l config -d 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan\'s built-in values)]' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l app-dir -d 'The Laravel app directory (overrides gateway.app_dir)' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l base-url -d 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)' -r
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l format -d 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)' -r -f -a "human\t''
json\t''
jsonl\t'`watch` only: one JSON object per sample as it comes (JSON Lines); json is one document at the end'
markdown\t'`report` only: for pasting into a ticket'
html\t'`report` only: one self-contained file with charts'"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l color -d 'Colour on stdout (NO_COLOR is respected by auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -s i -l inventory -d 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it' -r -F
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -s q -l quiet -d 'Quiet: nothing on stderr but errors, and on stdout a judged report\'s verdict line alone (nothing for the others)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l short -d 'A judged report (preflight, verify, activate) as its verdict and top reasons only'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -l yes -d 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand manpages" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "activate" -d 'Phases 1 to 4 from runbooks/activation.toml: journaled, locked, resumable'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "logs" -d 'Phase 5C: find unsanitized secrets in the logs, or probe with canaries'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "preflight" -d 'Phase 1: every pre-flight check at once; GO (exit 0) or NO-GO (exit 1)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "cache" -d 'Phase 2: Laravel\'s config, route and event caches (never cache:clear)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "reload" -d 'Phase 3: graceful php-fpm reload, config-tested first and proven graceful'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "verify" -d 'Phase 4: health, rate-limit headers against the model, limiter keys, breaker closed'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "rollback" -d 'Switch a feature off by a structural, proven, journaled edit; list; undo'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "integrate" -d 'Wire a fix the plan leaves for later (input validation): previewed on logged traffic, proven, journaled, observed'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "stress" -d 'Phase 5A: send requests and hold every answer against the model'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "watch" -d 'Phase 6: the Key Metrics, judged, alerted, and guarded by automatic rollback'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "model" -d 'Learn the running gateway\'s limiter by experiment, with one throwaway identity'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "simulate" -d 'Play requests or upstream failures through the gateway model, touching nothing'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "keys" -d 'Count or list Redis keys with SCAN (never KEYS), prefix applied'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "lab" -d 'A real local replica of the gateway to rehearse on: up, down, status, upstream'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "breaker" -d 'Inspect the circuit breakers kept in Redis'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "status" -d 'What stands now: features on or rolled back, owed work, the lock, breakers, last runs'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "history" -d 'The journal as a timeline: every run and step in words'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "fleet" -d 'Several gateway hosts over OpenSSH: each reachable, its gatewayctl and config'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "report" -d 'The post-activation review: before/after, rate-limit violations, breaker, checklist and Success Criteria'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "journal" -d 'Is the journal readable; set unreadable lines aside'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "plan" -d 'Review a hand-written activation plan against the gateway, before anyone runs it'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "init" -d 'Write a commented gatewayctl.toml with the plan\'s production values'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "config" -d 'Check, show or locate the config'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "completions" -d 'Print shell completions'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "manpages" -d 'Write the man pages (for packaging)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and not __fish_seen_subcommand_from activate logs preflight cache reload verify rollback integrate stress watch model simulate keys lab breaker status history fleet report journal plan init config completions manpages help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "scan" -d 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from logs" -f -a "probe" -d 'Send canary secrets to each sanitized endpoint and prove they were redacted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "status" -d 'Which cache files exist, their size, age and hash'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'config:clear, route:clear, view:clear'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "rebuild" -d 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "input-validation" -d 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan\'s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "rate-limit" -d 'Remove api.rate-limit from every middleware list in routes/api.php'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "circuit-breaker" -d 'Comment out the CircuitBreaker construction in CalcomService::__construct'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "log-sanitizer" -d 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "emergency" -d 'The plan\'s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "all" -d 'Every feature, in reverse order of activation'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "list" -d 'What is rolled back now, and what an interruption left half done (from the journal)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from rollback" -f -a "undo" -d 'Restore the original bytes, only if the file still holds what the rollback wrote'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from integrate" -f -a "input-validation" -d 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from stress" -f -a "rate-limit" -d 'Sequential (compared request by request), --burst N, or --rate R'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from model" -f -a "probe" -d 'Send one throwaway identity\'s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer\'s form'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "rate-limit" -d 'Requests through the rate limiter: which pass, which get 429, and Retry-After'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from simulate" -f -a "breaker" -d 'Upstream answers through a circuit breaker: its states and the gateway\'s answers'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "count" -d 'Count the keys matching a pattern (e.g. \'rate_limit:*\'), read where the gateway keeps them'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the keys matching a pattern, unprefixed and sorted'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "up" -d 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "down" -d 'Stop exactly the processes `lab up` started, and check their ports are closed'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "status" -d 'Show the lab\'s processes and whether they answer'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "upstream" -d 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "serve-upstream" -d 'Run the Cal.com stand-in (started by `lab up`)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from breaker" -f -a "status" -d 'State, counts, opened_at, time until half-open, and what moves it next'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from breaker" -f -a "history" -d 'The breaker\'s transitions, read from laravel.log and its rotations'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from breaker" -f -a "reset" -d 'Delete the breaker\'s keys (closed); asks first, journaled'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from breaker" -f -a "trip-test" -d 'On a non-production target: make Cal.com fail and check every transition against the model'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "check" -d 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "push" -d 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from fleet" -f -a "whoami" -d 'What this host\'s gatewayctl is (run by `fleet check` on each host)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from journal" -f -a "check" -d 'Read every line; name the ones that cannot be read (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from journal" -f -a "repair" -d 'Set unreadable lines aside in a file beside the journal, under the lock'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "review" -d 'Flag the plan\'s steps that would fail or harm production, each with the command that does it right'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Report unknown keys and bad values, with file and line (exit 1 if any)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective config (Redis password masked)'
complete -c gatewayctl -n "__fish_gatewayctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print which config file is in use'

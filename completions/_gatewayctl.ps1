
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'gatewayctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'gatewayctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'gatewayctl' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Phases 1 to 4 from runbooks/activation.toml: journaled, locked, resumable')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Phase 5C: find unsanitized secrets in the logs, or probe with canaries')
            [CompletionResult]::new('preflight', 'preflight', [CompletionResultType]::ParameterValue, 'Phase 1: every pre-flight check at once; GO (exit 0) or NO-GO (exit 1)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Phase 2: Laravel''s config, route and event caches (never cache:clear)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Phase 3: graceful php-fpm reload, config-tested first and proven graceful')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Phase 4: health, rate-limit headers against the model, limiter keys, breaker closed')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Switch a feature off by a structural, proven, journaled edit; list; undo')
            [CompletionResult]::new('integrate', 'integrate', [CompletionResultType]::ParameterValue, 'Wire a fix the plan leaves for later (input validation): previewed on logged traffic, proven, journaled, observed')
            [CompletionResult]::new('stress', 'stress', [CompletionResultType]::ParameterValue, 'Phase 5A: send requests and hold every answer against the model')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Phase 6: the Key Metrics, judged, alerted, and guarded by automatic rollback')
            [CompletionResult]::new('model', 'model', [CompletionResultType]::ParameterValue, 'Learn the running gateway''s limiter by experiment, with one throwaway identity')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Play requests or upstream failures through the gateway model, touching nothing')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Count or list Redis keys with SCAN (never KEYS), prefix applied')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'A real local replica of the gateway to rehearse on: up, down, status, upstream')
            [CompletionResult]::new('breaker', 'breaker', [CompletionResultType]::ParameterValue, 'Inspect the circuit breakers kept in Redis')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What stands now: features on or rolled back, owed work, the lock, breakers, last runs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The journal as a timeline: every run and step in words')
            [CompletionResult]::new('fleet', 'fleet', [CompletionResultType]::ParameterValue, 'Several gateway hosts over OpenSSH: each reachable, its gatewayctl and config')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The post-activation review: before/after, rate-limit violations, breaker, checklist and Success Criteria')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Is the journal readable; set unreadable lines aside')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Review a hand-written activation plan against the gateway, before anyone runs it')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented gatewayctl.toml with the plan''s production values')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check, show or locate the config')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('manpages', 'manpages', [CompletionResultType]::ParameterValue, 'Write the man pages (for packaging)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;activate' {
            [CompletionResult]::new('--runbook', '--runbook', [CompletionResultType]::ParameterName, 'The runbook [default: the shipped runbooks/activation.toml]')
            [CompletionResult]::new('--with', '--with', [CompletionResultType]::ParameterName, 'Also run an optional step (enabled = false in the runbook), e.g. integrate.input-validation')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print every step and the exact commands it would run; change nothing')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Finish what an interrupted run left owed or undone')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the lock from another operator''s live run (recorded in the journal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;logs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send canary secrets to each sanitized endpoint and prove they were redacted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;logs;scan' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Scan these files instead of the configured log and its rotations')
            [CompletionResult]::new('--max-findings', '--max-findings', [CompletionResultType]::ParameterName, 'Report at most this many findings (all are counted)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;logs;probe' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the endpoints and the kinds of canary; send nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;logs;help' {
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send canary secrets to each sanitized endpoint and prove they were redacted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;logs;help;scan' {
            break
        }
        'gatewayctl;logs;help;probe' {
            break
        }
        'gatewayctl;logs;help;help' {
            break
        }
        'gatewayctl;preflight' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Run `model probe` first (one throwaway identity''s requests), so what only traffic shows is judged too; without it, a probe of the last 24 h is used')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'Record the baseline `gatewayctl report` compares with even where this preflight did not reach Redis or the app (it is recorded anyway when both answered)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;cache' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which cache files exist, their size, age and hash')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'config:clear, route:clear, view:clear')
            [CompletionResult]::new('rebuild', 'rebuild', [CompletionResultType]::ParameterValue, 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;cache;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;cache;clear' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the commands, run nothing')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--application-cache', '--application-cache', [CompletionResultType]::ParameterName, 'Also clear the application cache (refused: it flushes the limiter and breaker state)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;cache;rebuild' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the commands, run nothing')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;cache;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which cache files exist, their size, age and hash')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'config:clear, route:clear, view:clear')
            [CompletionResult]::new('rebuild', 'rebuild', [CompletionResultType]::ParameterValue, 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;cache;help;status' {
            break
        }
        'gatewayctl;cache;help;clear' {
            break
        }
        'gatewayctl;cache;help;rebuild' {
            break
        }
        'gatewayctl;cache;help;help' {
            break
        }
        'gatewayctl;reload' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the commands, send nothing')
            [CompletionResult]::new('--force-restart', '--force-restart', [CompletionResultType]::ParameterName, 'Restart instead of reload (drops in-flight requests; systemd only)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;verify' {
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'The v2 request to send')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Send it as this API key [default: a fresh probe key, so the counter starts clean]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan''s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept')
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Remove api.rate-limit from every middleware list in routes/api.php')
            [CompletionResult]::new('circuit-breaker', 'circuit-breaker', [CompletionResultType]::ParameterValue, 'Comment out the CircuitBreaker construction in CalcomService::__construct')
            [CompletionResult]::new('log-sanitizer', 'log-sanitizer', [CompletionResultType]::ParameterValue, 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers')
            [CompletionResult]::new('emergency', 'emergency', [CompletionResultType]::ParameterValue, 'The plan''s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every feature, in reverse order of activation')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'What is rolled back now, and what an interruption left half done (from the journal)')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Restore the original bytes, only if the file still holds what the rollback wrote')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;rollback;input-validation' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;rate-limit' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;circuit-breaker' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;log-sanitizer' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;emergency' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;all' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and roll back only where it is not rolled back yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;undo' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'With --hosts: ask each host what stands there and undo wherever it is still rolled back')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;rollback;help' {
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan''s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept')
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Remove api.rate-limit from every middleware list in routes/api.php')
            [CompletionResult]::new('circuit-breaker', 'circuit-breaker', [CompletionResultType]::ParameterValue, 'Comment out the CircuitBreaker construction in CalcomService::__construct')
            [CompletionResult]::new('log-sanitizer', 'log-sanitizer', [CompletionResultType]::ParameterValue, 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers')
            [CompletionResult]::new('emergency', 'emergency', [CompletionResultType]::ParameterValue, 'The plan''s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every feature, in reverse order of activation')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'What is rolled back now, and what an interruption left half done (from the journal)')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Restore the original bytes, only if the file still holds what the rollback wrote')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;rollback;help;input-validation' {
            break
        }
        'gatewayctl;rollback;help;rate-limit' {
            break
        }
        'gatewayctl;rollback;help;circuit-breaker' {
            break
        }
        'gatewayctl;rollback;help;log-sanitizer' {
            break
        }
        'gatewayctl;rollback;help;emergency' {
            break
        }
        'gatewayctl;rollback;help;all' {
            break
        }
        'gatewayctl;rollback;help;list' {
            break
        }
        'gatewayctl;rollback;help;undo' {
            break
        }
        'gatewayctl;rollback;help;help' {
            break
        }
        'gatewayctl;integrate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;integrate;input-validation' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The period of logged payloads to replay (7d, 24h); all of the log and its rotations with `all`')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the diff and the route:list change; change nothing')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not clear the config and route caches (stage it by hand, as the plan does)')
            [CompletionResult]::new('--no-reload', '--no-reload', [CompletionResultType]::ParameterName, 'Do not reload php-fpm (the change is not live until you do)')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'Only the impact preview: replay the logged payloads through the FormRequest''s rules (on a shadow, nothing sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;integrate;help' {
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;integrate;help;input-validation' {
            break
        }
        'gatewayctl;integrate;help;help' {
            break
        }
        'gatewayctl;stress' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Sequential (compared request by request), --burst N, or --rate R')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;stress;rate-limit' {
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'The request, as METHOD /path (the default is the plan''s first limited route)')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'How many requests (sequential and burst modes)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between requests (sequential mode)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Send as this API key (masked in every output) [default: a fresh probe key]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Who to send as, as simulate spells it: ip:ADDRESS (no key, the client address the gateway will see) or key:KEY (masked in every output)')
            [CompletionResult]::new('--expect-limit', '--expect-limit', [CompletionResultType]::ParameterName, 'The limit you expect; refused before sending when the model disagrees')
            [CompletionResult]::new('--burst', '--burst', [CompletionResultType]::ParameterName, 'Burst mode: this many concurrent requests in a fresh window')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Rate mode: requests per second, paced open-loop')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Rate and max mode: how long')
            [CompletionResult]::new('--connections', '--connections', [CompletionResultType]::ParameterName, 'Rate mode: at most this many requests in flight; max mode: this many loops')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Max mode: --connections loops back to back for --duration (throughput)')
            [CompletionResult]::new('--allow-high-load', '--allow-high-load', [CompletionResultType]::ParameterName, 'Lift the production safety caps (requests, rate, duration)')
            [CompletionResult]::new('--unlisted-path', '--unlisted-path', [CompletionResultType]::ParameterName, 'Rate and max mode: the path is not a Laravel route (a static file to measure the web server); skips the route:list check')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;stress;help' {
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Sequential (compared request by request), --burst N, or --rate R')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;stress;help;rate-limit' {
            break
        }
        'gatewayctl;stress;help;help' {
            break
        }
        'gatewayctl;watch' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to watch [default: watch.duration, the plan''s 2h]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between samples [default: watch.interval]')
            [CompletionResult]::new('--metrics-listen', '--metrics-listen', [CompletionResultType]::ParameterName, 'Serve the figures in Prometheus text format on this loopback address')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--auto-rollback', '--auto-rollback', [CompletionResultType]::ParameterName, 'Roll a feature back when its metric holds at alert (watch.auto_rollback)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;model' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send one throwaway identity''s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer''s form')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;model;probe' {
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'The limited route to probe, "METHOD /path" (default: the configured shape''s with the smallest limit)')
            [CompletionResult]::new('--max-requests', '--max-requests', [CompletionResultType]::ParameterName, 'Refuse to start if the probe would need more requests than this')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests it would send and the keys it would read; send nothing')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Write what was learned into the config''s [limiter] (atomic, the original kept, journaled); without it, the diff is shown')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;model;help' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send one throwaway identity''s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer''s form')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;model;help;probe' {
            break
        }
        'gatewayctl;model;help;help' {
            break
        }
        'gatewayctl;simulate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Requests through the rate limiter: which pass, which get 429, and Retry-After')
            [CompletionResult]::new('breaker', 'breaker', [CompletionResultType]::ParameterValue, 'Upstream answers through a circuit breaker: its states and the gateway''s answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;simulate;rate-limit' {
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'The request, as METHOD /path')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'How many requests')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between requests (e.g. 500ms, 2s)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Who sends them: ip:ADDRESS or key:API_KEY (the key is never printed)')
            [CompletionResult]::new('--start-count', '--start-count', [CompletionResultType]::ParameterName, 'The bucket''s counter before the first request (as read from Redis)')
            [CompletionResult]::new('--start-ttl', '--start-ttl', [CompletionResultType]::ParameterName, 'That counter''s remaining TTL in seconds [default: a fresh window]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;simulate;breaker' {
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The breaker, as named in the config''s [breakers] tables')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Comma-separated: ok, fail (what the upstream answers) and wait:DURATION (wait:30 is seconds)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;simulate;help' {
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Requests through the rate limiter: which pass, which get 429, and Retry-After')
            [CompletionResult]::new('breaker', 'breaker', [CompletionResultType]::ParameterValue, 'Upstream answers through a circuit breaker: its states and the gateway''s answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;simulate;help;rate-limit' {
            break
        }
        'gatewayctl;simulate;help;breaker' {
            break
        }
        'gatewayctl;simulate;help;help' {
            break
        }
        'gatewayctl;keys' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count the keys matching a pattern (e.g. ''rate_limit:*''), read where the gateway keeps them')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys matching a pattern, unprefixed and sorted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;keys;count' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Read [redis]''s database and prefix as configured, whatever the pattern names')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;keys;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many keys')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Read [redis]''s database and prefix as configured, whatever the pattern names')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;keys;help' {
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count the keys matching a pattern (e.g. ''rate_limit:*''), read where the gateway keeps them')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys matching a pattern, unprefixed and sorted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;keys;help;count' {
            break
        }
        'gatewayctl;keys;help;list' {
            break
        }
        'gatewayctl;keys;help;help' {
            break
        }
        'gatewayctl;lab' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop exactly the processes `lab up` started, and check their ports are closed')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the lab''s processes and whether they answer')
            [CompletionResult]::new('upstream', 'upstream', [CompletionResultType]::ParameterValue, 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION')
            [CompletionResult]::new('serve-upstream', 'serve-upstream', [CompletionResultType]::ParameterValue, 'Run the Cal.com stand-in (started by `lab up`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;lab;up' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The lab''s directory')
            [CompletionResult]::new('--port-base', '--port-base', [CompletionResultType]::ParameterName, 'Use ports P (nginx) to P+4 instead of free ones')
            [CompletionResult]::new('--upstream-timeout', '--upstream-timeout', [CompletionResultType]::ParameterName, 'How long the gateway waits for Cal.com before counting a failure')
            [CompletionResult]::new('--calcom', '--calcom', [CompletionResultType]::ParameterName, 'CalcomService''s shape: guarded (checks the breaker for null) or unguarded (calls it directly, the usual shape)')
            [CompletionResult]::new('--redis', '--redis', [CompletionResultType]::ParameterName, 'standalone; sentinel: a replica and three sentinels beside the primary, and gatewayctl''s config finding the master through them (the app, Laravel 8 with phpredis, talks to the primary directly); cluster: three primaries, the app on phpredis''s RedisCluster')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'A fleet: N app hosts sharing one Redis and one Cal.com stand-in, behind a real sshd on a loopback port, with the operator''s config and an Ansible inventory that reach them')
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'contract: our gateway (GATEWAY-CONTRACT.md); askproai: the production baseline the plan was written for, with its bugs (REAL-GATEWAY.md); laravel: an API limited by Laravel''s own limiter alone (named limiters and a plain throttle)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Install missing Debian packages with apt-get (root only)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be built, start nothing')
            [CompletionResult]::new('--as-deployed', '--as-deployed', [CompletionResultType]::ParameterName, 'With --gateway askproai: the kernel Laravel 11 runs, without the app''s aliases, so every v2 route answers 500')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;lab;down' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The lab''s directory [default: the lab whose config file is given, else gatewayctl-lab]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;lab;status' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The lab''s directory [default: the lab whose config file is given, else gatewayctl-lab]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;lab;upstream' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The lab''s directory [default: the lab whose config file is given, else gatewayctl-lab]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;lab;serve-upstream' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'listen')
            [CompletionResult]::new('--control', '--control', [CompletionResultType]::ParameterName, 'control')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;lab;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop exactly the processes `lab up` started, and check their ports are closed')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the lab''s processes and whether they answer')
            [CompletionResult]::new('upstream', 'upstream', [CompletionResultType]::ParameterValue, 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION')
            [CompletionResult]::new('serve-upstream', 'serve-upstream', [CompletionResultType]::ParameterValue, 'Run the Cal.com stand-in (started by `lab up`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;lab;help;up' {
            break
        }
        'gatewayctl;lab;help;down' {
            break
        }
        'gatewayctl;lab;help;status' {
            break
        }
        'gatewayctl;lab;help;upstream' {
            break
        }
        'gatewayctl;lab;help;serve-upstream' {
            break
        }
        'gatewayctl;lab;help;help' {
            break
        }
        'gatewayctl;breaker' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'State, counts, opened_at, time until half-open, and what moves it next')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The breaker''s transitions, read from laravel.log and its rotations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the breaker''s keys (closed); asks first, journaled')
            [CompletionResult]::new('trip-test', 'trip-test', [CompletionResultType]::ParameterValue, 'On a non-production target: make Cal.com fail and check every transition against the model')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;breaker;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;breaker;history' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;breaker;reset' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted; change nothing')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;breaker;trip-test' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;breaker;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'State, counts, opened_at, time until half-open, and what moves it next')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The breaker''s transitions, read from laravel.log and its rotations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the breaker''s keys (closed); asks first, journaled')
            [CompletionResult]::new('trip-test', 'trip-test', [CompletionResultType]::ParameterValue, 'On a non-production target: make Cal.com fail and check every transition against the model')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;breaker;help;status' {
            break
        }
        'gatewayctl;breaker;help;history' {
            break
        }
        'gatewayctl;breaker;help;reset' {
            break
        }
        'gatewayctl;breaker;help;trip-test' {
            break
        }
        'gatewayctl;breaker;help;help' {
            break
        }
        'gatewayctl;status' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;history' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events this recent (2h, 30m) or since this time (RFC 3339)')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Only this run''s events')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;fleet' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'What this host''s gatewayctl is (run by `fleet check` on each host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;fleet;check' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;fleet;push' {
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Run on these hosts: all, NAME,NAME or GROUP (from [[hosts]] or -i/--inventory)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show which hosts would get it; copy nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;fleet;whoami' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;fleet;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'What this host''s gatewayctl is (run by `fleet check` on each host)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;fleet;help;check' {
            break
        }
        'gatewayctl;fleet;help;push' {
            break
        }
        'gatewayctl;fleet;help;whoami' {
            break
        }
        'gatewayctl;fleet;help;help' {
            break
        }
        'gatewayctl;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The period''s start: the journal''s last activation, an age (24h, 7d), or a date or time (2026-11-20, RFC 3339)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;journal' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read every line; name the ones that cannot be read (exit 1 if any)')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Set unreadable lines aside in a file beside the journal, under the lock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;journal;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;journal;repair' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--break-lock', '--break-lock', [CompletionResultType]::ParameterName, 'Take the operator lock from another operator''s live run (journaled)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;journal;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read every line; name the ones that cannot be read (exit 1 if any)')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Set unreadable lines aside in a file beside the journal, under the lock')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;journal;help;check' {
            break
        }
        'gatewayctl;journal;help;repair' {
            break
        }
        'gatewayctl;journal;help;help' {
            break
        }
        'gatewayctl;plan' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Flag the plan''s steps that would fail or harm production, each with the command that does it right')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;plan;review' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;plan;help' {
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Flag the plan''s steps that would fail or harm production, each with the command that does it right')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;plan;help;review' {
            break
        }
        'gatewayctl;plan;help;help' {
            break
        }
        'gatewayctl;init' {
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Where to write it')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file (its bytes are kept beside it)')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print the file instead of writing it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be written, change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report unknown keys and bad values, with file and line (exit 1 if any)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config (Redis password masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print which config file is in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;config;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;config;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report unknown keys and bad values, with file and line (exit 1 if any)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config (Redis password masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print which config file is in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;config;help;check' {
            break
        }
        'gatewayctl;config;help;show' {
            break
        }
        'gatewayctl;config;help;path' {
            break
        }
        'gatewayctl;config;help;help' {
            break
        }
        'gatewayctl;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;manpages' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write the pages into this directory (created if missing)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: ./gatewayctl.toml, then /etc/gatewayctl/gatewayctl.toml; a command that reaches the gateway refuses to guess without one, unless --app-dir names the app (then the plan''s built-in values)]')
            [CompletionResult]::new('--app-dir', '--app-dir', [CompletionResultType]::ParameterName, 'The Laravel app directory (overrides gateway.app_dir)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Where the gateway answers HTTP (overrides gateway.base_url: a fleet host reached directly, not through the load balancer)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output for people, or one JSON document for scripts (`report` also writes markdown and html)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stdout (NO_COLOR is respected by auto)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Read --hosts from an Ansible inventory (INI or YAML) instead of [[hosts]]; before or after the subcommand, as Ansible users type it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing on stderr but errors, and on stdout a judged report''s verdict line alone (nothing for the others)')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'A judged report (preflight, verify, activate) as its verdict and top reasons only')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation (for scripts; without a terminal a change needs it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gatewayctl;help' {
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Phases 1 to 4 from runbooks/activation.toml: journaled, locked, resumable')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Phase 5C: find unsanitized secrets in the logs, or probe with canaries')
            [CompletionResult]::new('preflight', 'preflight', [CompletionResultType]::ParameterValue, 'Phase 1: every pre-flight check at once; GO (exit 0) or NO-GO (exit 1)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Phase 2: Laravel''s config, route and event caches (never cache:clear)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Phase 3: graceful php-fpm reload, config-tested first and proven graceful')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Phase 4: health, rate-limit headers against the model, limiter keys, breaker closed')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Switch a feature off by a structural, proven, journaled edit; list; undo')
            [CompletionResult]::new('integrate', 'integrate', [CompletionResultType]::ParameterValue, 'Wire a fix the plan leaves for later (input validation): previewed on logged traffic, proven, journaled, observed')
            [CompletionResult]::new('stress', 'stress', [CompletionResultType]::ParameterValue, 'Phase 5A: send requests and hold every answer against the model')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Phase 6: the Key Metrics, judged, alerted, and guarded by automatic rollback')
            [CompletionResult]::new('model', 'model', [CompletionResultType]::ParameterValue, 'Learn the running gateway''s limiter by experiment, with one throwaway identity')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Play requests or upstream failures through the gateway model, touching nothing')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Count or list Redis keys with SCAN (never KEYS), prefix applied')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'A real local replica of the gateway to rehearse on: up, down, status, upstream')
            [CompletionResult]::new('breaker', 'breaker', [CompletionResultType]::ParameterValue, 'Inspect the circuit breakers kept in Redis')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What stands now: features on or rolled back, owed work, the lock, breakers, last runs')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The journal as a timeline: every run and step in words')
            [CompletionResult]::new('fleet', 'fleet', [CompletionResultType]::ParameterValue, 'Several gateway hosts over OpenSSH: each reachable, its gatewayctl and config')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The post-activation review: before/after, rate-limit violations, breaker, checklist and Success Criteria')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'Is the journal readable; set unreadable lines aside')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Review a hand-written activation plan against the gateway, before anyone runs it')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented gatewayctl.toml with the plan''s production values')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Check, show or locate the config')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('manpages', 'manpages', [CompletionResultType]::ParameterValue, 'Write the man pages (for packaging)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gatewayctl;help;activate' {
            break
        }
        'gatewayctl;help;logs' {
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find unsanitized secrets in laravel.log and its rotated files (exit 1 if any, or if nothing was read)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send canary secrets to each sanitized endpoint and prove they were redacted')
            break
        }
        'gatewayctl;help;logs;scan' {
            break
        }
        'gatewayctl;help;logs;probe' {
            break
        }
        'gatewayctl;help;preflight' {
            break
        }
        'gatewayctl;help;cache' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which cache files exist, their size, age and hash')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'config:clear, route:clear, view:clear')
            [CompletionResult]::new('rebuild', 'rebuild', [CompletionResultType]::ParameterValue, 'Phase 2: clear, then config:cache, route:cache, event:cache, then check the v2 routes')
            break
        }
        'gatewayctl;help;cache;status' {
            break
        }
        'gatewayctl;help;cache;clear' {
            break
        }
        'gatewayctl;help;cache;rebuild' {
            break
        }
        'gatewayctl;help;reload' {
            break
        }
        'gatewayctl;help;verify' {
            break
        }
        'gatewayctl;help;rollback' {
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Type every handler method taking CollectAppointmentRequest back to a plain Request (the plan''s "remove type hint"), the FormRequest built from it unvalidated so the data it reads is kept')
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Remove api.rate-limit from every middleware list in routes/api.php')
            [CompletionResult]::new('circuit-breaker', 'circuit-breaker', [CompletionResultType]::ParameterValue, 'Comment out the CircuitBreaker construction in CalcomService::__construct')
            [CompletionResult]::new('log-sanitizer', 'log-sanitizer', [CompletionResultType]::ParameterValue, 'Replace LogSanitizer::sanitize(EXPR) with EXPR in the three controllers')
            [CompletionResult]::new('emergency', 'emergency', [CompletionResultType]::ParameterValue, 'The plan''s 60-second rollback: rate limiting off, caches cleared, graceful reload, health verified (asks nothing, by design)')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Every feature, in reverse order of activation')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'What is rolled back now, and what an interruption left half done (from the journal)')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Restore the original bytes, only if the file still holds what the rollback wrote')
            break
        }
        'gatewayctl;help;rollback;input-validation' {
            break
        }
        'gatewayctl;help;rollback;rate-limit' {
            break
        }
        'gatewayctl;help;rollback;circuit-breaker' {
            break
        }
        'gatewayctl;help;rollback;log-sanitizer' {
            break
        }
        'gatewayctl;help;rollback;emergency' {
            break
        }
        'gatewayctl;help;rollback;all' {
            break
        }
        'gatewayctl;help;rollback;list' {
            break
        }
        'gatewayctl;help;rollback;undo' {
            break
        }
        'gatewayctl;help;integrate' {
            [CompletionResult]::new('input-validation', 'input-validation', [CompletionResultType]::ParameterValue, 'Wire CollectAppointmentRequest into RetellFunctionCallHandler::collectAppointment (type hint, import, getAppointmentData())')
            break
        }
        'gatewayctl;help;integrate;input-validation' {
            break
        }
        'gatewayctl;help;stress' {
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Sequential (compared request by request), --burst N, or --rate R')
            break
        }
        'gatewayctl;help;stress;rate-limit' {
            break
        }
        'gatewayctl;help;watch' {
            break
        }
        'gatewayctl;help;model' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send one throwaway identity''s requests to a limited route and learn the limiter from its own keys: where they live, whether they expire, what counts, the answer''s form')
            break
        }
        'gatewayctl;help;model;probe' {
            break
        }
        'gatewayctl;help;simulate' {
            [CompletionResult]::new('rate-limit', 'rate-limit', [CompletionResultType]::ParameterValue, 'Requests through the rate limiter: which pass, which get 429, and Retry-After')
            [CompletionResult]::new('breaker', 'breaker', [CompletionResultType]::ParameterValue, 'Upstream answers through a circuit breaker: its states and the gateway''s answers')
            break
        }
        'gatewayctl;help;simulate;rate-limit' {
            break
        }
        'gatewayctl;help;simulate;breaker' {
            break
        }
        'gatewayctl;help;keys' {
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count the keys matching a pattern (e.g. ''rate_limit:*''), read where the gateway keeps them')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys matching a pattern, unprefixed and sorted')
            break
        }
        'gatewayctl;help;keys;count' {
            break
        }
        'gatewayctl;help;keys;list' {
            break
        }
        'gatewayctl;help;lab' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Build the lab in a directory and start it (nginx, php-fpm, Laravel, Redis, a Cal.com stand-in)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop exactly the processes `lab up` started, and check their ports are closed')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the lab''s processes and whether they answer')
            [CompletionResult]::new('upstream', 'upstream', [CompletionResultType]::ParameterValue, 'Show or switch how the Cal.com stand-in answers: ok, fail (500), reject (422), refuse, slow:DURATION')
            [CompletionResult]::new('serve-upstream', 'serve-upstream', [CompletionResultType]::ParameterValue, 'Run the Cal.com stand-in (started by `lab up`)')
            break
        }
        'gatewayctl;help;lab;up' {
            break
        }
        'gatewayctl;help;lab;down' {
            break
        }
        'gatewayctl;help;lab;status' {
            break
        }
        'gatewayctl;help;lab;upstream' {
            break
        }
        'gatewayctl;help;lab;serve-upstream' {
            break
        }
        'gatewayctl;help;breaker' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'State, counts, opened_at, time until half-open, and what moves it next')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The breaker''s transitions, read from laravel.log and its rotations')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the breaker''s keys (closed); asks first, journaled')
            [CompletionResult]::new('trip-test', 'trip-test', [CompletionResultType]::ParameterValue, 'On a non-production target: make Cal.com fail and check every transition against the model')
            break
        }
        'gatewayctl;help;breaker;status' {
            break
        }
        'gatewayctl;help;breaker;history' {
            break
        }
        'gatewayctl;help;breaker;reset' {
            break
        }
        'gatewayctl;help;breaker;trip-test' {
            break
        }
        'gatewayctl;help;status' {
            break
        }
        'gatewayctl;help;history' {
            break
        }
        'gatewayctl;help;fleet' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Each host: reachable over ssh, its gatewayctl version and SHA-256, its config found')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Install this binary on the hosts that lack it or run another (copied, SHA-256 verified, moved into place)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'What this host''s gatewayctl is (run by `fleet check` on each host)')
            break
        }
        'gatewayctl;help;fleet;check' {
            break
        }
        'gatewayctl;help;fleet;push' {
            break
        }
        'gatewayctl;help;fleet;whoami' {
            break
        }
        'gatewayctl;help;report' {
            break
        }
        'gatewayctl;help;journal' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read every line; name the ones that cannot be read (exit 1 if any)')
            [CompletionResult]::new('repair', 'repair', [CompletionResultType]::ParameterValue, 'Set unreadable lines aside in a file beside the journal, under the lock')
            break
        }
        'gatewayctl;help;journal;check' {
            break
        }
        'gatewayctl;help;journal;repair' {
            break
        }
        'gatewayctl;help;plan' {
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Flag the plan''s steps that would fail or harm production, each with the command that does it right')
            break
        }
        'gatewayctl;help;plan;review' {
            break
        }
        'gatewayctl;help;init' {
            break
        }
        'gatewayctl;help;config' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report unknown keys and bad values, with file and line (exit 1 if any)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective config (Redis password masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print which config file is in use')
            break
        }
        'gatewayctl;help;config;check' {
            break
        }
        'gatewayctl;help;config;show' {
            break
        }
        'gatewayctl;help;config;path' {
            break
        }
        'gatewayctl;help;completions' {
            break
        }
        'gatewayctl;help;manpages' {
            break
        }
        'gatewayctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

<?php
// gatewayctl: the circuit-breaker rollback proven at run time, on a shadow
// copy of the app with the edit applied, run with no network at all
// (unshare -n): boot the app, build CalcomService, call each of its public
// methods. Each must end in an upstream failure (Cal.com unreachable), never
// in a PHP Error such as "Call to a member function call() on null".
// Exit 0: every call ended in an upstream failure or returned; 3: a PHP
// Error; 4: nothing to call.
require __DIR__.'/gatewayctl-boot.php';
$class = 'App\\Services\\CalcomService';
if (!class_exists($class)) {
    echo "no class {$class}\n";
    exit(4);
}
try {
    $service = $app->make($class);
} catch (\Error $e) {
    echo 'ERROR constructing: '.get_class($e).': '.$e->getMessage()."\n";
    exit(3);
} catch (\Throwable $e) {
    echo 'upstream constructing: '.get_class($e)."\n";
    exit(4);
}
$called = 0;
foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $method) {
    if ($method->isConstructor() || $method->isStatic() || $method->getDeclaringClass()->getName() !== $class) {
        continue;
    }
    $args = [];
    foreach ($method->getParameters() as $p) {
        if ($p->isOptional()) {
            break;
        }
        $type = $p->getType();
        $name = $type instanceof ReflectionNamedType ? $type->getName() : 'string';
        $args[] = match ($name) {
            'int' => 1,
            'float' => 1.0,
            'bool' => true,
            'array', 'iterable' => [],
            default => '2030-01-01',
        };
    }
    $called++;
    try {
        $method->invokeArgs($service, $args);
        echo "returned {$method->getName()}\n";
    } catch (\Error $e) {
        echo "ERROR {$method->getName()}: ".get_class($e).': '.$e->getMessage()."\n";
        exit(3);
    } catch (\Throwable $e) {
        echo "upstream {$method->getName()}: ".get_class($e)."\n";
    }
}
echo "called {$called}\n";
exit($called > 0 ? 0 : 4);

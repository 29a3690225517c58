package io.warmgate.emulator.internal.engine;

/**
 * The settings of a lifecycle hook from PutLifecycleHook or a LifecycleHookSpecification. A null
 * member was not given (on update: unchanged); the engine checks the values.
 *
 * @param name LifecycleHookName
 * @param transition LifecycleTransition
 * @param heartbeatTimeout HeartbeatTimeout in seconds
 * @param defaultResult DefaultResult
 * @param notificationMetadata NotificationMetadata
 * @param notificationTargetArn NotificationTargetARN
 * @param roleArn RoleARN
 */
public record HookSpec(String name, Hook.Transition transition, Integer heartbeatTimeout, Hook.Result defaultResult,
    String notificationMetadata, String notificationTargetArn, String roleArn) { }

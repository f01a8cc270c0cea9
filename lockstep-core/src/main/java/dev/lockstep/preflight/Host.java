package dev.lockstep.preflight;

/**
 * What the kernel says about this process and machine, read once per preflight.
 *
 * @param identity        who this process is
 * @param securityModules SELinux and AppArmor
 * @param mounts          the mount table
 */
record Host(ProcessIdentity identity, SecurityModules securityModules, MountInfo mounts) {
    static Host current() {
        return new Host(ProcessIdentity.current(), SecurityModules.current(), MountInfo.current());
    }
}

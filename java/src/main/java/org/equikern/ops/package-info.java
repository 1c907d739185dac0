/**
 * Operations, one package each, and {@link org.equikern.ops.Backends}, which picks an operation's
 * implementation for a device's backend. See ARCHITECTURE.md for how to add one.
 */
package org.equikern.ops;

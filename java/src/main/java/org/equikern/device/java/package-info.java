/**
 * The Java device: buffers are heap arrays, operations run on the calling thread. Internal: open
 * it with {@code Devices.open("java")}.
 */
package org.equikern.device.java;

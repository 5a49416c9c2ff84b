/**
 * Implementation of the Mostro message codec: the streaming reader, the hand-written canonical writer, and the
 * serde_json-compatible number and UUID formats. Not part of the public API; other modules of the SDK may use it
 * (for example a transport reading a message inside its tuple with {@link
 * network.mostro.protocol.internal.MessageReader#read(com.fasterxml.jackson.core.JsonParser, String)}).
 */
package network.mostro.protocol.internal;

// A tinypool task that sends back what it gets: the cost of the round trip alone.
export default function echo(value) {
  return value;
}

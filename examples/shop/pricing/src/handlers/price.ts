// Lambda entry point of the pricing function; the implementation lives in ../pricing/quote.
export { handler } from '../pricing/quote';

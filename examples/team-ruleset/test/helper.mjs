// The testing helper. Inside the api-exposure-lint repository the template uses the freshly built one;
// in your own repository replace the line below with:
//   export * from 'api-exposure-lint/testing';
export * from '../../../dist/testing.js';

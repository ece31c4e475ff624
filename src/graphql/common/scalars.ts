import { GraphQLDateTimeISO, GraphQLJSONObject, GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';

/** Scalars used across the schema (graphql-scalars). */
export const DateTime = GraphQLDateTimeISO;
export const LocalDate = GraphQLLocalDate;
export const SafeInt = GraphQLSafeInt;
export const JSONObject = GraphQLJSONObject;

import { describe, expect, it } from 'vitest'
import { createEventSourceMapping, createFailureDestination, EVENT_SOURCE_MAPPING_DEFAULTS } from '../../../src/aws/index.js'
import { expectError } from '../../helpers/errors.js'
import { setup } from './fixtures.js'

const noop = async () => undefined

describe('CreateEventSourceMapping parameters (checklist 1-6)', () => {
  it('requires StartingPosition and accepts only TRIM_HORIZON and LATEST (1)', () => {
    const { store, orders, map } = setup()
    expectError(
      () => map(noop, { StartingPosition: undefined as never }),
      'InvalidParameterValueException',
      'StartingPosition must be specified for a DynamoDB stream event source; StartingPosition: expected TRIM_HORIZON or LATEST, received undefined',
    )
    expectError(() => map(noop, { StartingPosition: 'AT_TIMESTAMP' as never }), 'InvalidParameterValueException', /Unsupported starting position AT_TIMESTAMP/)
    expect(store.listTables()).toEqual([orders.name])
  })

  it('has the service defaults after create (2)', () => {
    const { map, orders, store } = setup()
    const config = map(noop).configuration()
    expect(config).toEqual({
      UUID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      EventSourceArn: orders.stream.arn,
      FunctionArn: `arn:aws:lambda:${store.region}:${store.accountId}:function:consumer`,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      FunctionResponseTypes: [],
      TumblingWindowInSeconds: 0,
      State: 'Enabled',
      StateTransitionReason: 'User action',
      LastProcessingResult: 'No records processed',
    })
    expect(EVENT_SOURCE_MAPPING_DEFAULTS).toMatchObject({ BatchSize: 100, Timeout: 3, MemorySize: 128 })
  })

  it('echoes every parameter given, in Lambda units', () => {
    const { map } = setup()
    const destination = createFailureDestination('arn:aws:sqs:eu-west-1:123456789012:orders-dlq')
    const config = map(
      noop,
      {
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 5,
        ParallelizationFactor: 4,
        MaximumRetryAttempts: 2,
        MaximumRecordAgeInSeconds: 3600,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
        DestinationConfig: { OnFailure: { Destination: destination } },
        Enabled: false,
      },
      { FunctionName: 'orders-fn' },
    ).configuration()
    expect(config).toMatchObject({
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-fn',
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 4,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq' } },
      State: 'Disabled',
    })
  })

  it.each([
    ['BatchSize', 0, 'Maximum batch size must be between 1 and 10000 inclusive'],
    ['BatchSize', 10_001, 'Maximum batch size must be between 1 and 10000 inclusive'],
    ['BatchSize', 1.5, 'Maximum batch size must be between 1 and 10000 inclusive'],
    ['MaximumBatchingWindowInSeconds', 301, 'Maximum batch window in seconds must be between 0 and 300 inclusive'],
    ['MaximumBatchingWindowInSeconds', -1, 'Maximum batch window in seconds must be between 0 and 300 inclusive'],
    ['ParallelizationFactor', 0, 'ParallelizationFactor must be between 1 and 10 inclusive'],
    ['ParallelizationFactor', 11, 'ParallelizationFactor must be between 1 and 10 inclusive'],
    ['MaximumRetryAttempts', -2, 'MaximumRetryAttempts must be between -1 and 10000 inclusive'],
    ['MaximumRetryAttempts', 10_001, 'MaximumRetryAttempts must be between -1 and 10000 inclusive'],
    ['MaximumRecordAgeInSeconds', 0, 'MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 inclusive'],
    ['MaximumRecordAgeInSeconds', 59, 'MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 inclusive'],
    ['MaximumRecordAgeInSeconds', 604_801, 'MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 inclusive'],
    ['TumblingWindowInSeconds', 901, 'TumblingWindowInSeconds must be between 0 and 900 inclusive'],
    ['FunctionResponseTypes', ['ReportBatchItemFailures', 'ReportBatchItemFailures'], 'FunctionResponseTypes must be an empty list or contain only ReportBatchItemFailures'],
    ['FunctionResponseTypes', ['Other'], 'FunctionResponseTypes must be an empty list or contain only ReportBatchItemFailures'],
    ['BisectBatchOnFunctionError', 'yes', 'BisectBatchOnFunctionError must be a boolean'],
    ['Enabled', 1, 'Enabled must be a boolean'],
  ])('rejects %s %j with InvalidParameterValueException (3)', (name, value, serviceMessage) => {
    const { map } = setup()
    const error = expectError(() => map(noop, { [name]: value }), 'InvalidParameterValueException', new RegExp(`^${serviceMessage}; ${name}: expected `))
    expect((error as { serviceMessage?: string }).serviceMessage).toBe(serviceMessage)
  })

  it('accepts the ends of every range (3)', () => {
    const { map } = setup()
    for (const params of [
      { BatchSize: 1, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: 60, TumblingWindowInSeconds: 0 },
      { BatchSize: 10_000, MaximumBatchingWindowInSeconds: 300, ParallelizationFactor: 10, MaximumRetryAttempts: 10_000, MaximumRecordAgeInSeconds: 604_800, TumblingWindowInSeconds: 900 },
    ]) {
      void map(noop, { ...params, Enabled: false }).configuration()
    }
  })

  it('rejects a pattern longer than 4,096 characters, more than 5 filters (4) and an unparsable pattern (5)', () => {
    const { map } = setup()
    const pattern = (n: number) => ({ Pattern: JSON.stringify({ eventName: ['x'.repeat(n)] }) })
    expectError(() => map(noop, { FilterCriteria: { Filters: [pattern(4096)] } }), 'InvalidParameterValueException', /^Invalid filter pattern definition\.; FilterCriteria.Filters\[0\].Pattern/)
    expectError(() => map(noop, { FilterCriteria: { Filters: Array.from({ length: 6 }, () => pattern(1)) } }), 'InvalidParameterValueException', /^The number of filters must not exceed 5/)
    expectError(
      () => map(noop, { FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }, { Pattern: '{"eventName": "INSERT"}' }] } }),
      'InvalidParameterValueException',
      /^Invalid filter pattern definition\.; FilterCriteria\.Filters\[1\]\.Pattern at eventName: expected an array of values or operators/,
    )
    for (const Pattern of ['{"eventName": [', '{"eventName": "INSERT"}', '{"eventName": [{"nope": 1}]}']) {
      const error = expectError(() => map(noop, { FilterCriteria: { Filters: [{ Pattern }] } }), 'InvalidParameterValueException', /^Invalid filter pattern definition\./)
      expect((error as { serviceMessage?: string }).serviceMessage).toBe('Invalid filter pattern definition.')
    }
    void map(noop, { FilterCriteria: { Filters: Array.from({ length: 5 }, () => pattern(1)) } })
  })

  it('rejects a stream ARN that no stream has with "Stream not found" (6), and a malformed one', () => {
    const { map, orders, store } = setup()
    const missing = orders.stream.arn.replace('table/orders/', 'table/other/')
    const error = expectError(() => map(noop, { EventSourceArn: missing }), 'InvalidParameterValueException', `Stream not found: ${missing}`)
    expect((error as { serviceMessage?: string }).serviceMessage).toBe(`Stream not found: ${missing}`)
    expectError(() => map(noop, { EventSourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' }), 'InvalidParameterValueException', /^Invalid EventSourceArn; EventSourceArn: expected a DynamoDB stream ARN/)
    const old = orders.stream.arn
    orders.disableStream()
    expectError(() => map(noop, { EventSourceArn: old }), 'InvalidParameterValueException', `Stream not found: ${old}`)
    store.deleteTable('orders')
    expectError(() => map(noop, { EventSourceArn: old }), 'InvalidParameterValueException', `Stream not found: ${old}`)
  })

  it('rejects unknown parameters, OnSuccess, an ARN string as destination, and bad function options', () => {
    const { map } = setup()
    expectError(() => map(noop, { BatchSzie: 10 } as never), 'InvalidParameterValueException', /^Unsupported parameter "BatchSzie": expected one of EventSourceArn, StartingPosition/)
    expectError(() => map(noop, { DestinationConfig: { OnSuccess: {} } } as never), 'InvalidParameterValueException', /^Unsupported DestinationConfig parameter for given event source mapping type\./)
    expectError(() => map(noop, { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:q' as never } } }), 'InvalidParameterValueException', /createFailureDestination/)
    expectError(() => map(noop, {}, { Timeout: 0 }), 'InvalidParameterValueException', /^Timeout must be between 1 and 900 seconds inclusive/)
    expectError(() => map(noop, {}, { MemorySize: 64 }), 'InvalidParameterValueException', /^MemorySize must be between 128 and 10240 MB inclusive/)
    expectError(() => map(noop, {}, { FunctionName: 'no spaces' }), 'InvalidParameterValueException', /^Invalid FunctionName/)
    expectError(() => map(noop, {}, { Memory: 256 } as never), 'InvalidParameterValueException', /^Unsupported function option "Memory"/)
    expectError(() => map('handler' as never), 'InvalidParameterValueException', /^Invalid handler: expected a function/)
    expectError(() => createFailureDestination('arn:aws:s3:::bucket'), 'InvalidParameterValueException', /SQS queue or SNS topic/)
    expectError(() => createEventSourceMapping(null as never, { EventSourceArn: 'x', StartingPosition: 'LATEST' }, noop), 'InvalidParameterValueException', /^Invalid store: expected a store from createStore\(\), received null/)
    const { store, orders } = setup()
    const arn = orders.stream.arn
    for (const bad of [null, 'params', { EventSourceArn: 5, StartingPosition: 'LATEST' }, { EventSourceArn: arn, StartingPosition: 'LATEST', FilterCriteria: { Filters: [null] } }, { EventSourceArn: arn, StartingPosition: 'LATEST', FilterCriteria: null }, { EventSourceArn: arn, StartingPosition: 'LATEST', DestinationConfig: { OnFailure: null } }]) {
      expectError(() => createEventSourceMapping(store, bad as never, noop), 'InvalidParameterValueException')
    }
    expectError(() => createEventSourceMapping(store, { EventSourceArn: 'x', StartingPosition: 'LATEST' }, noop, null as never), 'InvalidParameterValueException', /^Invalid function options/)
  })
})

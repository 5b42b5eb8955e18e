import { alertButtonRow, parseAlertButtonId } from '../../../src/discord/format/alert-buttons';
import { formatAlertMessage, packAlerts } from '../../../src/discord/format-alert';
import { validateMessageBody } from '../../support/discord-twin/validate-message';
import { makeAlert, makeTopic } from '../alert-builders';

const labels = (row: ReturnType<typeof alertButtonRow>) => row?.components.map((b) => ('label' in b ? b.label : undefined));

describe('alert buttons', () => {
  it('puts "Mute topic 24 h" and "Why this alert?" under an alert with one topic', () => {
    const body = formatAlertMessage(makeAlert({ topics: [makeTopic()] }));
    expect(validateMessageBody(body)).toBeNull();
    expect(body.components).toHaveLength(1);
    expect(labels(alertButtonRow(makeAlert({ topics: [makeTopic()] })))).toEqual(['Mute topic 24 h', 'Why this alert?']);
  });

  it('names each topic on its mute button when the alert has several, at most four, in one row', () => {
    const topics = ['a', 'b', 'c', 'd', 'e'].map((id) => makeTopic({ id, name: `Topic ${id.toUpperCase()}` }));
    const row = alertButtonRow(makeAlert({ topics }));
    expect(labels(row)).toEqual(['Mute Topic A 24 h', 'Mute Topic B 24 h', 'Mute Topic C 24 h', 'Mute Topic D 24 h', 'Why this alert?']);
    expect(validateMessageBody({ content: 'x', components: [row] })).toBeNull();
  });

  it('keeps custom ids and labels within Discord limits whatever the alert id and topic name', () => {
    const long = makeTopic({ id: 'x'.repeat(120), name: 'N'.repeat(200) });
    const row = alertButtonRow({ ...makeAlert({ topics: [makeTopic({ name: 'M'.repeat(200) }), long] }), id: `c:f:${'https://very.long.example/'.repeat(20)}` });
    for (const button of row!.components) {
      expect('custom_id' in button && button.custom_id.length).toBeLessThanOrEqual(100);
      expect('label' in button && [...(button.label ?? '')].length).toBeLessThanOrEqual(80);
    }
    // the topic whose id cannot fit a custom id gets no mute button
    expect(row!.components).toHaveLength(2);
  });

  it('leaves buttons off a packed message carrying several alerts, and on a pack of one', () => {
    const [packed] = packAlerts([{ ...makeAlert(), id: 'a1' }, { ...makeAlert(), id: 'a2' }]);
    expect(packed!.alerts).toHaveLength(2);
    expect(packed!.body.components).toBeUndefined();
    expect(packAlerts([{ ...makeAlert(), id: 'a1' }])[0]!.body.components).toHaveLength(1);
  });

  it.each([
    ['alert:mute:heavy-ree', { kind: 'mute', topicId: 'heavy-ree' }],
    ['alert:mute:odd:id', { kind: 'mute', topicId: 'odd:id' }],
    ['alert:why:abcDEF123_-', { kind: 'why', whyKey: 'abcDEF123_-' }],
    ['alert:mute:', undefined],
    ['alert:other:x', undefined],
    ['list:rules:1', undefined],
  ])('reads the custom id %s', (customId, expected) => {
    expect(parseAlertButtonId(customId)).toEqual(expected);
  });
});

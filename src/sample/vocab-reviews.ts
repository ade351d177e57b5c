// Review titles and bodies per star rating, in English and Chinese.

export const REVIEW_EN: Record<number, [string, string][]> = {
  1: [['Broke after a week', 'Stopped working after a week. Very disappointed, returning it.'], ['Not as described', 'The item looks nothing like the photos and feels cheap.']],
  2: [['Meh', 'Works, but the quality is poor for the price.'], ['Arrived late', 'Took three weeks to arrive and the box was damaged.']],
  3: [['OK for the price', 'Does the job. Nothing special, nothing terrible.'], ['Average', 'Decent product but the instructions were confusing.']],
  4: [['Pretty good', 'Good quality and fast shipping. Would buy again.'], ['Solid', 'Works well, only minor issues with the packaging.']],
  5: [['Love it!', 'Excellent quality, exactly as described. Highly recommend!'], ['Perfect', 'Fantastic value, my whole family uses it every day.']],
};

export const REVIEW_ZH: Record<number, [string, string][]> = {
  1: [['质量太差', '用了一周就坏了，非常失望，已申请退货。'], ['与描述不符', '实物和图片差别很大，做工粗糙。']],
  2: [['一般般', '能用，但是做工对不起这个价格。'], ['物流太慢', '等了半个月才到，包装也破了。']],
  3: [['还行', '中规中矩，没有惊喜也没有失望。'], ['凑合', '东西还可以，就是说明书看不懂。']],
  4: [['不错', '质量挺好，物流很快，会回购。'], ['挺满意', '整体满意，包装有点小瑕疵。']],
  5: [['非常好！', '质量很好，和描述一致，强烈推荐！'], ['超级喜欢', '性价比超高，全家都在用，好评！']],
};
